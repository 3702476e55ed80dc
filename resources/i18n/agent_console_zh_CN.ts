<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgentState</name>
    <message>
        <location filename="../../ui/text.py" line="34"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="36"/>
        <source>Not ready</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="38"/>
        <source>On call</source>
        <translation>通话中</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="40"/>
        <source>Wrap-up</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="42"/>
        <source>Break</source>
        <translation>小休</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="44"/>
        <source>Signed out</source>
        <translation>签出</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../ui/widgets.py" line="88"/>
        <source>Notice</source>
        <translation>通知</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/password.py" line="55"/>
        <location filename="../../ui/password.py" line="58"/>
        <location filename="../../ui/password.py" line="101"/>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="66"/>
        <source>You signed in with a temporary password. Choose your own password before you start work.</source>
        <translation>您使用的是临时密码。开始工作前,请设置您自己的密码。</translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="72"/>
        <source>Job number %1, %2</source>
        <translation>工号 %1,%2</translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="77"/>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="78"/>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="79"/>
        <source>Repeat new password</source>
        <translation>确认新密码</translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="80"/>
        <source>At least 8 characters, and at least 4 different ones.</source>
        <translation>至少 8 个字符,其中至少 4 个不同的字符。</translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="88"/>
        <source>C&amp;urrent password</source>
        <translation>当前密码(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="89"/>
        <source>&amp;New password</source>
        <translation>新密码(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="90"/>
        <source>&amp;Repeat new password</source>
        <translation>确认新密码(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="105"/>
        <source>Sign out</source>
        <translation>签出</translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="105"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="142"/>
        <source>Enter your current password.</source>
        <translation>请输入当前密码。</translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="145"/>
        <source>Enter a new password.</source>
        <translation>请输入新密码。</translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="149"/>
        <source>Changing the password…</source>
        <translation>正在修改密码…</translation>
    </message>
</context>
<context>
    <name>CheckedTextEdit</name>
    <message>
        <location filename="../../ui/taboo_highlighter.py" line="175"/>
        <source>{taboo} taboo phrase(s), {jargon} term(s) to explain: put the cursor on a marked word to see the advice.</source>
        <translation>{taboo} 处禁忌用语,{jargon} 个需要解释的专业术语:把光标移到带下划线的词上查看建议。</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <location filename="../../ui/app.py" line="102"/>
        <source>Connecting to the database…</source>
        <translation>正在连接数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="118"/>
        <source>Upgrading the database schema (%1 → %2)…</source>
        <translation>正在升级数据库结构(%1 → %2)…</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="123"/>
        <source>The database schema is up to date.</source>
        <translation>数据库结构已是最新版本。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="142"/>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
</context>
<context>
    <name>EndSessionDialog</name>
    <message>
        <location filename="../../ui/supervisor.py" line="51"/>
        <source>End a session</source>
        <translation>结束会话</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="59"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="60"/>
        <source>Recorded in the audit trail</source>
        <translation>将记入审计日志</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="55"/>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="64"/>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="65"/>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="72"/>
        <source>End session</source>
        <translation>结束会话</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="74"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="95"/>
        <source>%1 %2 · seat %3 · since %4</source>
        <translation>工号 %1 %2 · 坐席 %3 · %4 起</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="98"/>
        <source>(not responding)</source>
        <translation>(已失去响应)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="101"/>
        <source>Nobody else is signed in.</source>
        <translation>没有其他人登录。</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="106"/>
        <source>Please give a reason.</source>
        <translation>请填写原因。</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="117"/>
        <source>That session has already ended.</source>
        <translation>该会话已经结束。</translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <location filename="../../ui/lock.py" line="40"/>
        <location filename="../../ui/lock.py" line="45"/>
        <source>Console locked</source>
        <translation>控制台已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="54"/>
        <location filename="../../ui/lock.py" line="55"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="59"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="63"/>
        <source>Sign out</source>
        <translation>签出</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="119"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="124"/>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="64"/>
        <source>Agent Console — Sign in</source>
        <translation>坐席控制台 — 登录</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="67"/>
        <source>Agent Console</source>
        <translation>坐席控制台</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="70"/>
        <source>Tai&apos;an Antai Gas Co., Ltd. · Customer service hotline %1</source>
        <translation>泰安安泰燃气有限公司 · 客服热线 %1</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="80"/>
        <source>e.g. 1001</source>
        <translation>例如 1001</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="81"/>
        <source>Job number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="86"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="89"/>
        <location filename="../../ui/login.py" line="102"/>
        <source>Seat</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="96"/>
        <source>&amp;Job number</source>
        <translation>工号(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="98"/>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="108"/>
        <location filename="../../ui/login.py" line="111"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="113"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="113"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="139"/>
        <source>Sign in again</source>
        <translation>重新登录</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="173"/>
        <source>Enter your job number.</source>
        <translation>请输入工号。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="176"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="182"/>
        <source>Connecting to the database…</source>
        <translation>正在连接数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="187"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="86"/>
        <location filename="../../ui/main_window.py" line="674"/>
        <source>Agent Console</source>
        <translation>坐席控制台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="137"/>
        <source>Sign &amp;out</source>
        <translation>签出(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140"/>
        <source>End this session and return to the login screen</source>
        <translation>结束本次会话并返回登录界面</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="144"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="147"/>
        <source>&amp;Lock screen</source>
        <translation>锁定屏幕(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="150"/>
        <source>Hide the window until your password is entered</source>
        <translation>遮挡窗口,输入密码后才能继续</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="154"/>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170"/>
        <source>&amp;End a session…</source>
        <translation>结束会话(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172"/>
        <source>End another seat&apos;s session (supervisors)</source>
        <translation>结束其他坐席的会话(值班经理)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="176"/>
        <source>Sign &amp;in again…</source>
        <translation>重新登录(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>&amp;About Agent Console</source>
        <translation>关于坐席控制台(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195"/>
        <source>&amp;Agent</source>
        <translation>坐席(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="202"/>
        <source>&amp;Supervisor</source>
        <translation>管理(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="204"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="208"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="212"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="220"/>
        <source>Lock</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="221"/>
        <source>Sign out</source>
        <translation>签出</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="250"/>
        <source>Tai&apos;an Antai Gas Co., Ltd. · Customer service center</source>
        <translation>泰安安泰燃气有限公司 · 客服中心</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="252"/>
        <source>Service hotline %1</source>
        <translation>服务热线 %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="256"/>
        <source>Set your state to Ready when you are ready to take calls. Calls, work orders and customer records will appear here.</source>
        <translation>准备好接听来电时,请将状态设为“就绪”。来电、工单和客户档案将在这里显示。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="262"/>
        <source>&amp;Quick note (kept on this PC)</source>
        <translation>快速记录(保存在本机)(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="265"/>
        <source>Quick note</source>
        <translation>快速记录</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="267"/>
        <source>Jot down a caller&apos;s number or an account number while you talk</source>
        <translation>通话时可在此临时记下来电号码、户号等</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="272"/>
        <source>Keyboard: Ctrl+1 Ready · Ctrl+2 Not ready · Ctrl+3 Break · Ctrl+L Lock screen · Ctrl+Shift+Q Sign out</source>
        <translation>快捷键:Ctrl+1 就绪 · Ctrl+2 未就绪 · Ctrl+3 小休 · Ctrl+L 锁定屏幕 · Ctrl+Shift+Q 签出</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308"/>
        <source>Signed-in agent</source>
        <translation>当前坐席员</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309"/>
        <source>Seat</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="310"/>
        <source>Agent state</source>
        <translation>坐席状态</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="311"/>
        <source>Database connection</source>
        <translation>数据库连接</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321"/>
        <source>Hello, %1</source>
        <translation>您好,%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="323"/>
        <source>Job number %1 · Seat %2 · %3 · Signed in at %4</source>
        <translation>工号 %1 · 坐席 %2 · %3 · %4 签入</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="330"/>
        <source>Job number %1 %2</source>
        <translation>工号 %1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="332"/>
        <source>Seat %1</source>
        <translation>坐席 %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="333"/>
        <source>Session ended</source>
        <translation>会话已结束</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="334"/>
        <source>State: %1</source>
        <translation>状态:%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="343"/>
        <source>● Database connected</source>
        <translation>● 数据库已连接</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="343"/>
        <source>● Database connection lost</source>
        <translation>● 数据库连接中断</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="425"/>
        <source>Signing out…</source>
        <translation>正在签出…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="470"/>
        <source>State changed to %1</source>
        <translation>状态已切换为:%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="528"/>
        <source>Database connection lost, retrying… What you type is kept.</source>
        <translation>数据库连接中断,正在重试… 已输入的内容会保留。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="529"/>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="538"/>
        <source>Database connection restored.</source>
        <translation>数据库连接已恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="545"/>
        <source>Sign in again…</source>
        <translation>重新登录…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="574"/>
        <source>Signed in again.</source>
        <translation>已重新登录。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="595"/>
        <source>Job number %1 %2 · Seat %3</source>
        <translation>工号 %1 %2 · 坐席 %3</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="633"/>
        <source>Password changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="645"/>
        <source>Session %1 ended.</source>
        <translation>会话 %1 已结束。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="660"/>
        <source>The new language takes effect the next time the console starts.</source>
        <translation>新的界面语言将在下次启动控制台时生效。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="667"/>
        <source>Agent Console
Customer service center of Tai&apos;an Antai Gas Co., Ltd.
Service hotline %1</source>
        <translation>坐席控制台
泰安安泰燃气有限公司 客服中心
服务热线 %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="670"/>
        <source>About Agent Console</source>
        <translation>关于坐席控制台</translation>
    </message>
</context>
<context>
    <name>MessageLabel</name>
    <message>
        <location filename="../../ui/widgets.py" line="34"/>
        <source>Message</source>
        <translation>提示信息</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../ui/text.py" line="50"/>
        <source>Agent</source>
        <translation>坐席员</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="52"/>
        <source>Supervisor</source>
        <translation>值班经理</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="54"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>StatusLabel</name>
    <message>
        <location filename="../../ui/widgets.py" line="67"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>TabooHint</name>
    <message>
        <location filename="../../ui/taboo_highlighter.py" line="94"/>
        <source>Taboo phrase “{phrase}” ({clause}). Say instead: {suggestion}</source>
        <translation>禁忌用语“{phrase}”({clause})。建议改说:{suggestion}</translation>
    </message>
    <message>
        <location filename="../../ui/taboo_highlighter.py" line="97"/>
        <source>Jargon “{phrase}”: explain it in plain words. {suggestion}</source>
        <translation>专业术语“{phrase}”,请用通俗的话解释:{suggestion}</translation>
    </message>
</context>
</TS>
