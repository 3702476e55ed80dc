<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AdminPeopleDialog</name>
        <message>
            <location filename="../../ui/people/admin_people.py" line="233" />
            <source>Agents and seats</source>
            <translation>人员与坐席</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="244" />
            <source>&amp;Agents</source>
            <translation>人员(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="245" />
            <source>S&amp;eats</source>
            <translation>坐席(&amp;E)</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="262" />
            <source>Agents</source>
            <translation>人员</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="268" />
            <source>&amp;New agent…</source>
            <translation>新增人员(&amp;N)…</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="269" />
            <source>Ed&amp;it…</source>
            <translation>修改(&amp;I)…</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="270" />
            <location filename="../../ui/people/admin_people.py" line="458" />
            <source>Disa&amp;ble…</source>
            <translation>停用(&amp;B)…</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="271" />
            <source>Reset pass&amp;word…</source>
            <translation>重置密码(&amp;W)…</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="272" />
            <source>&amp;Unlock</source>
            <translation>解锁(&amp;U)</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="273" />
            <source>End sessi&amp;on…</source>
            <translation>结束会话(&amp;O)…</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="274" />
            <source>Re&amp;fresh</source>
            <translation>刷新(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="298" />
            <source>Job number</source>
            <translation>工号</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="299" />
            <source>1 to 16 digits or letters, e.g. 1008</source>
            <translation>1–16 位数字或字母,如 1008</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="302" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="304" />
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="308" />
            <source>Temporary password</source>
            <translation>临时密码</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="310" />
            <source>At least 8 characters; changed at first login</source>
            <translation>至少 8 个字符;首次登录时须修改</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="312" />
            <source>Temporary password again</source>
            <translation>再次输入临时密码</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="314" />
            <source>&amp;Generate</source>
            <translation>生成(&amp;G)</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="315" />
            <source>A random password, shown so you can pass it on</source>
            <translation>生成随机密码并显示出来,便于转告本人</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="321" />
            <location filename="../../ui/people/admin_people.py" line="380" />
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="324" />
            <location filename="../../ui/people/admin_people.py" line="383" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="327" />
            <source>&amp;Job number</source>
            <translation>工号(&amp;J)</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="328" />
            <source>Na&amp;me</source>
            <translation>姓名(&amp;M)</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="329" />
            <source>&amp;Role</source>
            <translation>角色(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="332" />
            <source>&amp;Temporary password</source>
            <translation>临时密码(&amp;T)</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="335" />
            <source>Re&amp;peat</source>
            <translation>再次输入(&amp;P)</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="336" />
            <source>Rea&amp;son</source>
            <translation>原因(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="354" />
            <source>Seats</source>
            <translation>坐席</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="359" />
            <source>&amp;New seat…</source>
            <translation>新增坐席(&amp;N)…</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="360" />
            <source>Change locat&amp;ion…</source>
            <translation>修改位置(&amp;I)…</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="361" />
            <location filename="../../ui/people/admin_people.py" line="474" />
            <source>&amp;Take out of service…</source>
            <translation>停用坐席(&amp;T)…</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="373" />
            <source>Seat</source>
            <translation>坐席</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="374" />
            <source>The seat name its console signs in with</source>
            <translation>该坐席控制台登录时使用的坐席名</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="377" />
            <source>Location</source>
            <translation>位置</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="378" />
            <source>e.g. 二楼东区 3 号台</source>
            <translation>如 二楼东区 3 号台</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="386" />
            <source>Seat &amp;code</source>
            <translation>坐席编号(&amp;C)</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="387" />
            <source>&amp;Location</source>
            <translation>位置(&amp;L)</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="388" />
            <source>&amp;Reason</source>
            <translation>原因(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="458" />
            <source>Re-ena&amp;ble…</source>
            <translation>重新启用(&amp;B)…</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="472" />
            <source>&amp;Put back in service…</source>
            <translation>恢复使用(&amp;P)…</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="520" />
            <source>New agent</source>
            <translation>新增人员</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="520" />
            <source>Add the agent</source>
            <translation>新增</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="521" />
            <source>Edit %1</source>
            <translation>修改 %1</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="521" />
            <location filename="../../ui/people/admin_people.py" line="650" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="522" />
            <source>Disable %1 (signs them out now)</source>
            <translation>停用 %1(立即签退)</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="522" />
            <source>Disable</source>
            <translation>停用</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="523" />
            <source>Re-enable %1</source>
            <translation>重新启用 %1</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="523" />
            <source>Re-enable</source>
            <translation>重新启用</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="525" />
            <source>New temporary password for %1 (to change at next sign-in)</source>
            <translation>为 %1 设置临时密码(下次登录时须修改)</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="526" />
            <source>Reset the password</source>
            <translation>重置密码</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="528" />
            <source>End the session of %1</source>
            <translation>结束 %1 的会话</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="528" />
            <source>End the session</source>
            <translation>结束会话</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="542" />
            <location filename="../../ui/people/admin_people.py" line="662" />
            <source>Optional</source>
            <translation>选填</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="542" />
            <source>Required, e.g. 离职 / 坐席故障</source>
            <translation>必填,如 离职 / 坐席故障</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="572" />
            <source>Agent %1 added: the temporary password is changed at first sign-in.</source>
            <translation>已新增工号 %1:首次登录时须修改临时密码。</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="576" />
            <source>Agent %1 saved.</source>
            <translation>工号 %1 已保存。</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="580" />
            <source>Agent %1 disabled and signed out.</source>
            <translation>工号 %1 已停用并签退。</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="584" />
            <source>Agent %1 can sign in again.</source>
            <translation>工号 %1 已重新启用,可以登录。</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="590" />
            <source>Password of %1 reset: to be changed at next sign-in.</source>
            <translation>工号 %1 的密码已重置:下次登录时须修改。</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="594" />
            <source>Session of %1 ended.</source>
            <translation>工号 %1 的会话已结束。</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="615" />
            <source>Agent %1 unlocked.</source>
            <translation>工号 %1 已解锁。</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="649" />
            <source>New seat</source>
            <translation>新增坐席</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="649" />
            <source>Add the seat</source>
            <translation>新增</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="650" />
            <source>Location of seat %1</source>
            <translation>坐席 %1 的位置</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="651" />
            <source>Take seat %1 out of service</source>
            <translation>停用坐席 %1</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="651" />
            <source>Take out of service</source>
            <translation>停用</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="652" />
            <source>Put seat %1 back in service</source>
            <translation>恢复使用坐席 %1</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="652" />
            <source>Put back in service</source>
            <translation>恢复使用</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="662" />
            <source>Required, e.g. 设备维修</source>
            <translation>必填,如 设备维修</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="682" />
            <source>Seat %1 added.</source>
            <translation>坐席 %1 已新增。</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="686" />
            <source>Seat %1 saved.</source>
            <translation>坐席 %1 已保存。</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="690" />
            <source>Seat %1 taken out of service.</source>
            <translation>坐席 %1 已停用。</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="694" />
            <source>Seat %1 back in service.</source>
            <translation>坐席 %1 已恢复使用。</translation>
        </message>
    </context>
    <context>
        <name>AgentState</name>
        <message>
            <location filename="../../ui/core/text.py" line="66" />
            <source>screen locked</source>
            <translation>锁屏</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="106" />
            <source>Ready</source>
            <translation>就绪</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="107" />
            <source>Not ready</source>
            <translation>未就绪</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="108" />
            <source>On call</source>
            <translation>通话中</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="109" />
            <source>Wrap-up</source>
            <translation>话后处理</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="110" />
            <source>Break</source>
            <translation>小休</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="111" />
            <source>Signed out</source>
            <translation>签出</translation>
        </message>
    </context>
    <context>
        <name>AgentsModel</name>
        <message>
            <location filename="../../ui/people/admin_people.py" line="125" />
            <source>Job number</source>
            <translation>工号</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="126" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="127" />
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="128" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="129" />
            <source>Locked until</source>
            <translation>锁定至</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="130" />
            <source>Signed in at</source>
            <translation>登录坐席</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="154" />
            <source>Disabled</source>
            <translation>已停用</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="155" />
            <source>Must change password</source>
            <translation>待修改密码</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="155" />
            <source>Active</source>
            <translation>在用</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="161" />
            <source>%1 since %2</source>
            <translation>%1(%2 起)</translation>
        </message>
    </context>
    <context>
        <name>ArticleDialog</name>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="225" />
            <source>Edit the answer</source>
            <translation>修改答复</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="225" />
            <source>New answer</source>
            <translation>新建答复</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="232" />
            <source>e.g. ic-card-lost (lower case, digits, hyphens)</source>
            <translation>如 ic-card-lost(小写字母、数字、连字符)</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="235" />
            <source>e.g. 报装 · 安全用气 · IC卡 · 缴费</source>
            <translation>如 报装 · 安全用气 · IC卡 · 缴费</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="240" />
            <source>Words a caller would use, separated by spaces</source>
            <translation>客户会说的词,用空格分隔</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="243" />
            <source>Answer</source>
            <translation>答复内容</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="246" />
            <source>The clause of the standard it follows, if any</source>
            <translation>依据的标准条款(如有)</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="248" />
            <source>&amp;Id</source>
            <translation>编号(&amp;I)</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="249" />
            <source>&amp;Category</source>
            <translation>类别(&amp;C)</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="250" />
            <source>&amp;Title</source>
            <translation>标题(&amp;T)</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="251" />
            <source>&amp;Keywords</source>
            <translation>关键词(&amp;K)</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="252" />
            <source>&amp;Answer</source>
            <translation>答复(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="253" />
            <source>&amp;Source</source>
            <translation>依据(&amp;S)</translation>
        </message>
    </context>
    <context>
        <name>Banner</name>
        <message>
            <location filename="../../ui/core/widgets.py" line="115" />
            <source>Notice</source>
            <translation>通知</translation>
        </message>
    </context>
    <context>
        <name>Calendar</name>
        <message>
            <location filename="../../ui/core/text.py" line="375" />
            <source>The official holiday schedule of %1 is not entered: working-day deadlines in it are provisional (statutory holidays only, no make-up workdays). An administrator enters it under Admin → Scripts, lists and policies → Holiday overrides.</source>
            <translation>%1年的国务院节假日安排尚未录入:该年内按工作日计算的时限为暂定(只计法定节假日,无调休上班)。请管理员在“管理 → 话术、清单与时限 → 节假日调整”中录入。</translation>
        </message>
    </context>
    <context>
        <name>CallChannel</name>
        <message>
            <location filename="../../ui/core/text.py" line="184" />
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="185" />
            <source>Visit</source>
            <translation>来访</translation>
        </message>
    </context>
    <context>
        <name>CallDirection</name>
        <message>
            <location filename="../../ui/core/text.py" line="176" />
            <source>Inbound</source>
            <translation>呼入</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="177" />
            <source>Outbound</source>
            <translation>呼出</translation>
        </message>
    </context>
    <context>
        <name>CallLogModel</name>
        <message>
            <location filename="../../ui/calls/call_log.py" line="270" />
            <source>Click to sort by this column</source>
            <translation>点击按此列排序</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="275" />
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="276" />
            <source>Job no.</source>
            <translation>工号</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="277" />
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="278" />
            <source>Number</source>
            <translation>号码</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="279" />
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="280" />
            <source>Intent</source>
            <translation>诉求</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="281" />
            <source>Verification</source>
            <translation>身份核实</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="282" />
            <source>Duration</source>
            <translation>时长</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="283" />
            <source>Score</source>
            <translation>规范分</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="284" />
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="285" />
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="318" />
            <source>Withheld</source>
            <translation>未显示号码</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="327" />
            <source>In progress</source>
            <translation>进行中</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="332" />
            <source>Dropped</source>
            <translation>掉线</translation>
        </message>
    </context>
    <context>
        <name>CallLogView</name>
        <message>
            <location filename="../../ui/calls/call_log.py" line="354" />
            <source>Call log</source>
            <translation>来电记录</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="399" />
            <source>From date</source>
            <translation>起始日期</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="400" />
            <source>To date</source>
            <translation>截止日期</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="403" />
            <source>Job number</source>
            <translation>工号</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="404" />
            <source>Any agent</source>
            <translation>全部坐席</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="395" />
            <source>Agents see their own calls</source>
            <translation>坐席只能查看本人的来电</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="409" />
            <source>Intent</source>
            <translation>诉求</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="410" />
            <source>Any intent</source>
            <translation>全部诉求</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="415" />
            <source>Customer or number</source>
            <translation>客户或号码</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="416" />
            <source>Number (last 4+ digits), account no. or name</source>
            <translation>号码(至少后4位)、户号或姓名</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="423" />
            <source>Search</source>
            <translation>查询</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="431" />
            <source>Correct the notes of the chosen call</source>
            <translation>更正所选来电的备注</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="441" />
            <source>&amp;Job no.</source>
            <translation>工号(&amp;J)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="442" />
            <source>&amp;Intent</source>
            <translation>诉求(&amp;I)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="421" />
            <source>Search (Enter)</source>
            <translation>查询(回车)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="372" />
            <source>Add to quality revie&amp;w</source>
            <translation>加入质检(&amp;W)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="429" />
            <source>Correct &amp;notes…</source>
            <translation>更正备注(&amp;N)…</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="439" />
            <source>F&amp;rom</source>
            <translation>从(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="440" />
            <source>T&amp;o</source>
            <translation>到(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="443" />
            <source>C&amp;ustomer</source>
            <translation>客户(&amp;U)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="459" />
            <source>Calls</source>
            <translation>来电</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="499" />
            <source>Any date</source>
            <translation>不限日期</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="597" />
            <source>The notes were corrected; the earlier text is kept.</source>
            <translation>备注已更正,原内容已保留。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="614" />
            <source>The calls could not be loaded.</source>
            <translation>来电记录未能加载。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="616" />
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="619" />
            <source>More than %1 calls · %2 shown</source>
            <translation>超过 %1 条来电 · 已显示 %2 条</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/calls/call_log.py" line="624" />
            <source>%n call(s)</source>
            <translation>
                <numerusform>%n 条来电</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_log.py" line="626" />
            <source>%1 calls shown</source>
            <translation>已显示 %1 条来电</translation>
        </message>
    </context>
    <context>
        <name>CallScreen</name>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="225" />
            <source>Call state</source>
            <translation>通话状态</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="228" />
            <source>Caller number</source>
            <translation>来电号码</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="232" />
            <source>Call timers</source>
            <translation>通话计时</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="245" />
            <source>Answer (F2)</source>
            <translation>接听 (F2)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="247" />
            <location filename="../../ui/calls/call_screen.py" line="1371" />
            <source>Hold (F3)</source>
            <translation>保持 (F3)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="249" />
            <source>Hang up (F4)</source>
            <translation>挂机 (F4)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="253" />
            <source>Finish wrap-up (F10)</source>
            <translation>完成话后处理 (F10)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="286" />
            <source>Compliance</source>
            <translation>服务规范</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="290" />
            <source>Call forms</source>
            <translation>通话表单</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="312" />
            <source>I&amp;ntent</source>
            <translation>诉求(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="323" />
            <source>N&amp;otes</source>
            <translation>备注(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="327" />
            <source>Call notes</source>
            <translation>通话备注</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="439" />
            <source>Finish the contact on the desk first.</source>
            <translation>请先处理完当前的来电或来访。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="453" />
            <source>Walk-in visitor</source>
            <translation>来访客户</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="503" />
            <source>The softphone lost this call; the record is kept. Finish the wrap-up and call the customer back if needed.</source>
            <translation>软电话已丢失此通话,记录已保留。请完成话后整理,必要时给客户回电。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="540" />
            <source>The call on the desk and its record are kept; the console reconnects by itself.</source>
            <translation>当前通话及其记录均已保留,控制台会自动重新连接。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="548" />
            <source>The softphone is connected again.</source>
            <translation>软电话已重新连接。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="557" />
            <source>Another call from %1 rang while you were busy; it is logged as missed.</source>
            <translation>您忙线时 %1 来电,已记为未接来电。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="558" />
            <location filename="../../ui/calls/call_screen.py" line="569" />
            <location filename="../../ui/calls/call_screen.py" line="1242" />
            <location filename="../../ui/calls/call_screen.py" line="1308" />
            <source>a withheld number</source>
            <translation>未显示号码的客户</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="735" />
            <source>The call to %1 has ended (%2). You are back with the caller.</source>
            <translation>与 %1 的通话已结束(%2),已回到来电,客户在线上。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="808" />
            <source>[Knowledge] %1</source>
            <translation>[知识库] %1</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="835" />
            <source>The surname was wrong: apologise (F8): %1</source>
            <translation>刚才叫错了客户姓氏,请致歉(F8):%1</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="888" />
            <source>A timed script runs while you are talking.</source>
            <translation>定时话术只能在通话中使用。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1033" />
            <source>Dispatched to the emergency department now; tell the caller.</source>
            <translation>已立即派单至抢险部门,请告知客户。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1201" />
            <source>Nothing is lost: the call is kept on this PC and saved again shortly.</source>
            <translation>内容不会丢失:通话已保存在本机,稍后将再次保存。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1281" />
            <source>This call was restored after the console closed unexpectedly. Finish its wrap-up.</source>
            <translation>控制台意外关闭,此通话已恢复。请完成话后处理。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1332" />
            <source>Withheld number</source>
            <translation>未显示号码</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1357" />
            <source>Waiting for a call</source>
            <translation>等待来电</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1371" />
            <source>Resume (F3)</source>
            <translation>恢复通话 (F3)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1412" />
            <source>Ring %1</source>
            <translation>第 %1 声振铃</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="236" />
            <location filename="../../ui/calls/call_screen.py" line="1419" />
            <source>Talk %1</source>
            <translation>通话 %1</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="220" />
            <source>Call bar</source>
            <translation>通话栏</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="242" />
            <source>Back to the call (F12)</source>
            <translation>回到通话(F12)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="251" />
            <source>Transfer (F&amp;7)</source>
            <translation>转接(&amp;Z) (F7)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="309" />
            <source>Ver&amp;ification</source>
            <translation>身份核实(&amp;I)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="328" />
            <location filename="../../ui/calls/call_screen.py" line="931" />
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="371" />
            <source>Answer the ringing call</source>
            <translation>接听来电</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="372" />
            <source>Hold the call, or resume it</source>
            <translation>保持通话,或恢复通话</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="373" />
            <source>Hang up</source>
            <translation>挂机</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="374" />
            <source>Transfer the caller to a ready seat or a number (请稍等 first)</source>
            <translation>把来电转接到就绪的坐席或号码(先说“请稍等”)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="377" />
            <source>Save the call now</source>
            <translation>立即保存通话</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="378" />
            <source>Finish the wrap-up (checks the intent form)</source>
            <translation>完成话后处理(检查诉求表单)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="381" />
            <source>Mark the highlighted script line as said</source>
            <translation>将高亮的脚本语句标记为已说</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="382" />
            <source>Quick scripts: type to filter, Enter says it</source>
            <translation>快捷话术:输入以筛选,回车即说</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="420" />
            <source>This call was transferred from another seat.</source>
            <translation>这是从其他坐席转接来的电话。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="567" />
            <source>A call from %1 rang while you were not ready; it was not put through and is logged as missed.</source>
            <translation>%1 的来电在您未就绪时振铃,未接入,已记为未接来电。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="649" />
            <source>Please wait</source>
            <translation>请稍等</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="692" />
            <source>The caller is on hold while you speak to %1: F7 hands the caller over, F3 returns to the caller.</source>
            <translation>来电已保持,您正在与 %1 沟通:按 F7 完成转接,按 F3 回到来电。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="527" />
            <source>The caller was transferred to %1. Finish the wrap-up (F10).</source>
            <translation>来电已转接到 %1。请完成话后处理(F10)。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="737" />
            <source>hung up</source>
            <translation>对方已挂机</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="753" />
            <source>Transferring the caller to %1… The caller is on the line until it is done.</source>
            <translation>正在转接到 %1……转接完成前客户仍在线上。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="921" />
            <source>The call is not finished: %1</source>
            <translation>通话尚未完成:%1</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1210" />
            <source>The call is kept on this screen and on this PC.</source>
            <translation>通话仍保留在本屏幕和本机上。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1245" />
            <source>The caller (%1) hung up before the call was answered: logged as abandoned.</source>
            <translation>来电方(%1)在接听前挂机:已记为放弃。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1248" />
            <source>The call from %1 was not answered: logged as missed.</source>
            <translation>%1 的来电未接听:已记为未接。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1251" />
            <source>The call with %1 is finished and saved.</source>
            <translation>与 %1 的通话已完成并保存。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1255" />
            <source>A %1 case was opened; you own it until it is closed (My cases).</source>
            <translation>已新建一张%1工单,由您负责直至办结(我的工单)。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1258" />
            <source>A %1 case was opened, number %2; you own it until it is closed (My cases).</source>
            <translation>已新建一张%1工单,工单号 %2,由您负责直至办结(我的工单)。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1263" />
            <source>It was added to the open case ticked on the card.</source>
            <translation>已并入卡片上勾选的在办工单。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1306" />
            <source>A call from %1 was still ringing when the console closed: it is logged as missed, with the notes typed while it rang.</source>
            <translation>控制台关闭时 %1 的来电仍在振铃:已记为未接,振铃时录入的备注一并保存。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1390" />
            <source>Saving…</source>
            <translation>正在保存…</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1392" />
            <source>Transferring to %1…</source>
            <translation>正在转接到 %1……</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1416" />
            <source>Rang %1 times</source>
            <translation>振铃 %1 次</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1421" />
            <source>Hold %1</source>
            <translation>保持 %1</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1440" />
            <source>1 minute: if it cannot be solved now, offer to call back.</source>
            <translation>已通话1分钟:如不能当场解决,请主动提出稍后回电。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1443" />
            <source>3 minutes: the target time for a call.</source>
            <translation>已通话3分钟:已到单次通话的目标时长。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1454" />
            <source>Say now: %1</source>
            <translation>现在请说:%1</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1457" />
            <source>You may hang up now (F4).</source>
            <translation>现在可以挂机 (F4)。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1462" />
            <source>marked</source>
            <translation>标记</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1470" />
            <source>Compliance %1% (%2 of %3)</source>
            <translation>服务规范 %1%(%3 项中 %2 项达标)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1475" />
            <source>Compliance: not applicable</source>
            <translation>服务规范:不适用</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1478" />
            <source>Last call: %1</source>
            <translation>上一通电话:%1</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1490" />
            <source>answered on ring %1 (%2 s a ring)</source>
            <translation>第%1声接听(每声%2秒)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1495" />
            <source>the caller hung up</source>
            <translation>客户先挂机</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1496" />
            <source>you hung up</source>
            <translation>坐席挂机</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1497" />
            <source>the line dropped</source>
            <translation>线路中断</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1503" />
            <source>talk %1</source>
            <translation>通话 %1</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1507" />
            <source>hold %1</source>
            <translation>保持 %1</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1509" />
            <source>Seen:</source>
            <translation>系统记录:</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1521" />
            <source>A script file has an error and was not loaded; the last good version stays in use: %1</source>
            <translation>话术文件有错误,未能加载,继续使用上一个正确版本:%1</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1525" />
            <source>A script file has an error and no version of it could be loaded: %1</source>
            <translation>话术文件有误,没有任何可用的版本:%1</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1530" />
            <source>Opening</source>
            <translation>开场</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1531" />
            <source>Surname</source>
            <translation>询问姓氏</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1532" />
            <source>Verification</source>
            <translation>核实身份</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1533" />
            <source>Intent</source>
            <translation>了解诉求</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1534" />
            <source>Handling</source>
            <translation>处理</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_screen.py" line="1535" />
            <source>Closing</source>
            <translation>结束</translation>
        </message>
    </context>
    <context>
        <name>CallState</name>
        <message>
            <location filename="../../ui/core/text.py" line="192" />
            <source>Ringing</source>
            <translation>振铃中</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="193" />
            <source>Talking</source>
            <translation>通话中</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="194" />
            <source>On hold</source>
            <translation>保持中</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="195" />
            <source>Wrap-up</source>
            <translation>话后处理</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="196" />
            <source>Done</source>
            <translation>已完成</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="197" />
            <source>Missed</source>
            <translation>未接</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="198" />
            <source>Abandoned</source>
            <translation>客户放弃</translation>
        </message>
    </context>
    <context>
        <name>Callback</name>
        <message>
            <location filename="../../ui/core/text.py" line="219" />
            <source>Satisfaction callback on a case</source>
            <translation>工单办结回访(满意度)</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="222" />
            <source>Random callback of an answered inquiry</source>
            <translation>咨询随机回访</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="225" />
            <source>Call back as promised</source>
            <translation>按约定回电</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="226" />
            <source>Home visit for a special-group customer: agree a time</source>
            <translation>特殊群体客户上门走访:与客户约定时间</translation>
        </message>
    </context>
    <context>
        <name>CallbackDesk</name>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="81" />
            <source>Callbacks</source>
            <translation>回访</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="130" />
            <source>Callback to make</source>
            <translation>待回访</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="134" />
            <source>What the callback is about</source>
            <translation>回访事由</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="116" />
            <source>A visit task, due within %1 days, for each registered customer without one</source>
            <translation>为每位尚无走访任务的登记客户安排一次走访,%1 天内完成</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="139" />
            <source>Callback script</source>
            <translation>回访话术</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="140" />
            <source>Enter on a line: it was said on the call</source>
            <translation>在话术行上按回车:表示已在通话中说过</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="153" />
            <source>Call again at</source>
            <translation>再次回访时间</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="154" />
            <source>YYYY-MM-DD HH:MM, or HH:MM for today</source>
            <translation>年-月-日 时:分,当天可只填 时:分</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="160" />
            <source>&amp;Unsatisfied</source>
            <translation>不满意(&amp;U)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="107" />
            <source>Take the ne&amp;xt callback (Ctrl+N)</source>
            <translation>领取下一条回访(&amp;X) (Ctrl+N)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="112" />
            <source>&amp;Plan home visits for special groups</source>
            <translation>安排特殊群体上门走访(&amp;P)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="155" />
            <source>Call agai&amp;n at</source>
            <translation>再次回访(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="159" />
            <source>Sat&amp;isfied</source>
            <translation>满意(&amp;I)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="161" />
            <source>Inconvenient no&amp;w</source>
            <translation>客户不方便(&amp;W)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="162" />
            <source>Un&amp;reachable</source>
            <translation>无法接通(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="189" />
            <source>No callback is due now.</source>
            <translation>目前没有到期的回访。</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="204" />
            <source>No callback taken</source>
            <translation>尚未领取回访</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="218" />
            <source>Call %1 · due %2 · attempt %3</source>
            <translation>拨打 %1 · 到期 %2 · 第 %3 次</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="219" />
            <source>(no number)</source>
            <translation>(无号码)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="231" />
            <source>Special group: %1</source>
            <translation>特殊群体:%1</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="234" />
            <source>Case: %1 · owner %2 · %3</source>
            <translation>工单:%1 · 首问责任人 %2 · %3</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/cases/callback_desk.py" line="248" />
            <source>%n home visit(s) added to the list.</source>
            <translation>
                <numerusform>已将 %n 户上门走访加入回访列表。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="274" />
            <source>If inconvenient: %1</source>
            <translation>客户不方便时:%1</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="283" />
            <source>Lines are logged while the customer is on the line.</source>
            <translation>客户接通后才能记录已说的话术。</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="296" />
            <source>Enter the time as YYYY-MM-DD HH:MM or HH:MM.</source>
            <translation>请按“年-月-日 时:分”或“时:分”填写时间。</translation>
        </message>
        <message>
            <location filename="../../ui/cases/callback_desk.py" line="310" />
            <source>Result saved.</source>
            <translation>回访结果已保存。</translation>
        </message>
    </context>
    <context>
        <name>CampaignDesk</name>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="277" />
            <source>Open campaigns</source>
            <translation>进行中的通知任务</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="285" />
            <source>&amp;Print the results…</source>
            <translation>打印通知结果(&amp;P)…</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="289" />
            <source>Take the ne&amp;xt customer</source>
            <translation>领取下一户(&amp;X)</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="306" />
            <source>Notification script</source>
            <translation>通知话术</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="307" />
            <source>Enter on a line: it was said on the call</source>
            <translation>在话术行上按回车:表示已在通话中说过</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="318" />
            <source>&amp;Notified</source>
            <translation>已通知(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="319" />
            <source>Not &amp;reached (try again)</source>
            <translation>未接通(稍后重拨)(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="320" />
            <source>&amp;Wrong number</source>
            <translation>号码错误(&amp;W)</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="498" />
            <source>Lines are logged while the customer is on the line.</source>
            <translation>客户接通后才能记录已说的话术。</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="259" />
            <source>Open outage notifications</source>
            <translation>进行中的停气通知</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="281" />
            <source>New campa&amp;ign…</source>
            <translation>新建通知任务(&amp;I)…</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="283" />
            <source>Cl&amp;ose campaign (gas back)</source>
            <translation>结束任务(已恢复供气)(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="346" />
            <source>notice due %1</source>
            <translation>通知截止 %1</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="350" />
            <source>ESCALATED</source>
            <translation>已升级</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="352" />
            <source>%1 (%2) · notified %3/%4 · to call %5 · not reached %6 · door to door %7</source>
            <translation>%1(%2)· 已通知 %3/%4 · 待拨打 %5 · 未接通 %6 · 需上门 %7</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="441" />
            <source>Nobody is due to be called in this campaign now.</source>
            <translation>该任务目前没有需要拨打的客户。</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="451" />
            <source>No customer taken</source>
            <translation>尚未领取客户</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="464" />
            <source>Call %1 · %2 · %3 · attempt %4</source>
            <translation>拨打 %1 · %2 · %3 · 第 %4 次</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="518" />
            <source>Result saved.</source>
            <translation>结果已保存。</translation>
        </message>
    </context>
    <context>
        <name>CampaignDialog</name>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="81" />
            <source>New outage notification</source>
            <translation>新建停气通知</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="92" />
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="94" />
            <source>Reason</source>
            <translation>停气原因</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="95" />
            <source>As the customer hears it, e.g. 燃气管道抢修</source>
            <translation>按对客户的说法填写,例如:燃气管道抢修</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="97" />
            <source>YYYY-MM-DD HH:MM (planned: required)</source>
            <translation>年-月-日 时:分(计划停气必填)</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="99" />
            <source>YYYY-MM-DD HH:MM, or HH:MM for today</source>
            <translation>年-月-日 时:分,当天可只填 时:分</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="106" />
            <source> min</source>
            <translation> 分钟</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="109" />
            <source>Area</source>
            <translation>区域</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="109" />
            <source>Customers</source>
            <translation>户数</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="110" />
            <source>Affected area</source>
            <translation>停气区域</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="112" />
            <source>&amp;Kind</source>
            <translation>类型(&amp;K)</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="113" />
            <source>&amp;Title</source>
            <translation>标题(&amp;T)</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="114" />
            <source>&amp;Reason</source>
            <translation>停气原因(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="115" />
            <source>Outage &amp;from</source>
            <translation>停气时间(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="116" />
            <source>Gas &amp;back at</source>
            <translation>预计恢复(&amp;B)</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="117" />
            <source>&amp;Attempts per customer</source>
            <translation>每户最多拨打(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="118" />
            <source>Retr&amp;y after</source>
            <translation>重拨间隔(&amp;Y)</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="127" />
            <source>Affected area (tick communities, buildings or units)</source>
            <translation>停气区域(勾选小区、楼栋或单元)</translation>
        </message>
        <message>
            <location filename="../../ui/campaigns/campaign_desk.py" line="195" />
            <source>Enter times as YYYY-MM-DD HH:MM or HH:MM.</source>
            <translation>时间请按“年-月-日 时:分”或“时:分”填写。</translation>
        </message>
    </context>
    <context>
        <name>CampaignKind</name>
        <message>
            <location filename="../../ui/core/text.py" line="277" />
            <source>Planned outage</source>
            <translation>计划停气</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="278" />
            <source>Emergency outage</source>
            <translation>抢修停气</translation>
        </message>
    </context>
    <context>
        <name>CaseKind</name>
        <message>
            <location filename="../../ui/core/text.py" line="152" />
            <source>Complaint</source>
            <translation>投诉</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="153" />
            <source>Repair</source>
            <translation>报修</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="154" />
            <source>Emergency</source>
            <translation>抢险</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="155" />
            <source>Inquiry</source>
            <translation>咨询</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="156" />
            <source>Suggestion</source>
            <translation>建议</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="157" />
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="158" />
            <source>Lookup (call back)</source>
            <translation>查询回电</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="159" />
            <source>Gas network fault</source>
            <translation>管网故障</translation>
        </message>
    </context>
    <context>
        <name>CaseStatus</name>
        <message>
            <location filename="../../ui/core/text.py" line="206" />
            <source>Open</source>
            <translation>待派单</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="207" />
            <source>Dispatched</source>
            <translation>已派单</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="208" />
            <source>In progress</source>
            <translation>处理中</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="209" />
            <source>Awaiting callback</source>
            <translation>待回访</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="210" />
            <source>Manager review</source>
            <translation>经理复核</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="211" />
            <source>Closed</source>
            <translation>已办结</translation>
        </message>
    </context>
    <context>
        <name>CaseView</name>
        <message>
            <location filename="../../ui/cases/case_view.py" line="61" />
            <source>Case</source>
            <translation>工单</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="179" />
            <source>Case %1</source>
            <translation>工单 %1</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="95" />
            <location filename="../../ui/cases/case_view.py" line="99" />
            <source>Summary</source>
            <translation>摘要</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="97" />
            <source>&amp;Save summary</source>
            <translation>保存摘要(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="102" />
            <source>Note for the timeline</source>
            <translation>记入工单进程的说明</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="103" />
            <source>What the department said, what you told the caller</source>
            <translation>承办部门的答复、对客户的说明</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="104" />
            <source>&amp;Note</source>
            <translation>说明(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="106" />
            <source>Department</source>
            <translation>承办部门</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="107" />
            <source>&amp;Department</source>
            <translation>承办部门(&amp;D)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="110" />
            <source>New owner's job number</source>
            <translation>新责任人工号</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="112" />
            <source>Job number of the new owner; the note is the reason</source>
            <translation>新责任人的工号;备注栏填写转交原因</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="114" />
            <source>New owner &amp;job no.</source>
            <translation>新责任人工号(&amp;J)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="124" />
            <source>Dis&amp;patch</source>
            <translation>派单(&amp;P)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="125" />
            <source>&amp;Acknowledged</source>
            <translation>已接单(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="126" />
            <source>P&amp;rogress</source>
            <translation>处理进展(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="127" />
            <source>D&amp;one (queue callback)</source>
            <translation>已办结(&amp;O)(转回访)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="128" />
            <source>Progress no&amp;tice given</source>
            <translation>已告知进度(&amp;T)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="131" />
            <source>Manager re&amp;view</source>
            <translation>经理复核(&amp;V)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="129" />
            <source>&amp;Waiting on customer</source>
            <translation>等待客户(&amp;W)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="130" />
            <source>Customer &amp;back</source>
            <translation>客户已回复(&amp;B)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="132" />
            <source>Trans&amp;fer owner</source>
            <translation>转交责任人(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="141" />
            <source>Pr&amp;int…</source>
            <translation>打印(&amp;I)…</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="154" />
            <location filename="../../ui/cases/case_view.py" line="159" />
            <source>Deadlines</source>
            <translation>时限</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="158" />
            <location filename="../../ui/cases/case_view.py" line="161" />
            <source>Timeline</source>
            <translation>工单进程</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="85" />
            <source>Ask to trans&amp;fer</source>
            <translation>申请转交(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="182" />
            <source>owner %1</source>
            <translation>首问责任人 %1</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="199" />
            <source>(provisional: the year's holidays are not entered yet)</source>
            <translation>(暂定:该年节假日安排尚未录入)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="201" />
            <source>stopped</source>
            <translation>已停止</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="203" />
            <source>ESCALATED</source>
            <translation>已超时升级</translation>
        </message>
        <message>
            <location filename="../../ui/cases/case_view.py" line="205" />
            <source>paused</source>
            <translation>已暂停</translation>
        </message>
    </context>
    <context>
        <name>ChangePasswordDialog</name>
        <message>
            <location filename="../../ui/people/password.py" line="54" />
            <location filename="../../ui/people/password.py" line="57" />
            <location filename="../../ui/people/password.py" line="124" />
            <source>Change password</source>
            <translation>修改密码</translation>
        </message>
        <message>
            <location filename="../../ui/people/password.py" line="89" />
            <source>You signed in with a temporary password. Choose your own password before you start work.</source>
            <translation>您使用的是临时密码。开始工作前,请设置您自己的密码。</translation>
        </message>
        <message>
            <location filename="../../ui/people/password.py" line="95" />
            <source>Job number %1, %2</source>
            <translation>工号 %1,%2</translation>
        </message>
        <message>
            <location filename="../../ui/people/password.py" line="102" />
            <source>Current password</source>
            <translation>当前密码</translation>
        </message>
        <message>
            <location filename="../../ui/people/password.py" line="103" />
            <source>New password</source>
            <translation>新密码</translation>
        </message>
        <message>
            <location filename="../../ui/people/password.py" line="104" />
            <source>Repeat new password</source>
            <translation>确认新密码</translation>
        </message>
        <message>
            <location filename="../../ui/people/password.py" line="105" />
            <source>At least 8 characters, and at least 4 different ones.</source>
            <translation>至少 8 个字符,其中至少 4 个不同的字符。</translation>
        </message>
        <message>
            <location filename="../../ui/people/password.py" line="112" />
            <source>C&amp;urrent password</source>
            <translation>当前密码(&amp;U)</translation>
        </message>
        <message>
            <location filename="../../ui/people/password.py" line="113" />
            <source>&amp;New password</source>
            <translation>新密码(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../ui/people/password.py" line="114" />
            <source>&amp;Repeat new password</source>
            <translation>确认新密码(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/people/password.py" line="128" />
            <source>Sign out</source>
            <translation>签出</translation>
        </message>
        <message>
            <location filename="../../ui/people/password.py" line="128" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../ui/people/password.py" line="150" />
            <source>Enter your current password.</source>
            <translation>请输入当前密码。</translation>
        </message>
        <message>
            <location filename="../../ui/people/password.py" line="153" />
            <source>Enter a new password.</source>
            <translation>请输入新密码。</translation>
        </message>
        <message>
            <location filename="../../ui/people/password.py" line="156" />
            <source>Changing the password…</source>
            <translation>正在修改密码…</translation>
        </message>
    </context>
    <context>
        <name>CheckedTextEdit</name>
        <message>
            <location filename="../../ui/calls/taboo_highlighter.py" line="221" />
            <source>Characters in %1</source>
            <translation>“%1”的字数</translation>
        </message>
        <message>
            <location filename="../../ui/calls/taboo_highlighter.py" line="263" />
            <source>{taboo} taboo phrase(s), {jargon} term(s) to explain: put the cursor on a marked word to see the advice.</source>
            <translation>{taboo} 处禁忌用语,{jargon} 个需要解释的专业术语:把光标移到带下划线的词上查看建议。</translation>
        </message>
    </context>
    <context>
        <name>Console</name>
        <message>
            <location filename="../../ui/app/app.py" line="138" />
            <source>Connecting to the database…</source>
            <translation>正在连接数据库…</translation>
        </message>
        <message>
            <location filename="../../ui/app/app.py" line="154" />
            <source>Upgrading the database schema (%1 → %2)…</source>
            <translation>正在升级数据库结构(%1 → %2)…</translation>
        </message>
        <message>
            <location filename="../../ui/app/app.py" line="159" />
            <source>The database schema is up to date.</source>
            <translation>数据库结构已是最新版本。</translation>
        </message>
        <message>
            <location filename="../../ui/app/app.py" line="116" />
            <source>Settings</source>
            <translation>设置</translation>
        </message>
    </context>
    <context>
        <name>ContentEditor</name>
        <message>
            <location filename="../../ui/content/content_editor.py" line="68" />
            <source>Scripts, lists and policies</source>
            <translation>话术、清单与时限</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="80" />
            <source>Kinds of content</source>
            <translation>内容类别</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="109" />
            <source>Text of the content</source>
            <translation>内容文本</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="115" />
            <source>Preview with sample values</source>
            <translation>示例预览</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="117" />
            <source>Check the text (F5) to see it as the seats will, with sample values.</source>
            <translation>按 F5 检查文本,可按坐席实际使用的样子(代入示例值)预览。</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="124" />
            <source>&amp;Check and preview (F5)</source>
            <translation>检查并预览(&amp;C)(F5)</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="129" />
            <source>What changed and why</source>
            <translation>修改说明</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="130" />
            <source>What changed and why (kept in the history)</source>
            <translation>改了什么、为什么改(记入历史)</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="131" />
            <source>&amp;Save as a new version</source>
            <translation>保存为新版本(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="142" />
            <source>Versions</source>
            <translation>版本历史</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="144" />
            <source>Version</source>
            <translation>版本</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="144" />
            <source>Saved</source>
            <translation>保存时间</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="144" />
            <source>By</source>
            <translation>工号</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="144" />
            <source>Note</source>
            <translation>说明</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="153" />
            <source>&amp;Roll back to the chosen version</source>
            <translation>回退到所选版本(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="338" />
            <source>Saved as version %1; the seats take it in within %2 s.</source>
            <translation>已保存为第 %1 版;各坐席将在 %2 秒内启用。</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="81" />
            <location filename="../../ui/content/content_editor.py" line="170" />
            <source>Departments</source>
            <translation>部门</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="171" />
            <source>Code</source>
            <translation>代码</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="171" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="179" />
            <source>e.g. METER (capitals)</source>
            <translation>如 METER(大写字母)</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="183" />
            <source>C&amp;ode</source>
            <translation>代码(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="184" />
            <source>&amp;Name</source>
            <translation>名称(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="185" />
            <source>&amp;Add department</source>
            <translation>新增部门(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="187" />
            <source>Re&amp;name the chosen department</source>
            <translation>所选部门改名(&amp;E)</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="193" />
            <source>Departments are never removed: cases keep referring to them.</source>
            <translation>部门只增不删:工单仍在引用。</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="269" />
            <source>%1 · version %2 in force %3</source>
            <translation>%1 · 当前生效版本:%2 %3</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="271" />
            <source>0 (as shipped)</source>
            <translation>0(出厂)</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="273" />
            <source> · unsaved changes kept</source>
            <translation> · 保留了未保存的修改</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="280" />
            <source>(back to version %1) </source>
            <translation>(回退到第 %1 版)</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="282" />
            <source>As shipped with the console</source>
            <translation>随系统出厂</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="304" />
            <source>The text is valid. The preview shows it with sample values.</source>
            <translation>文本有效。下方预览已代入示例值。</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="375" />
            <source>Version %1 is in force again (saved as version %2).</source>
            <translation>第 %1 版已重新生效(保存为第 %2 版)。</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="401" />
            <source>Close and throw away the changes you have not saved?</source>
            <translation>关闭并放弃尚未保存的修改?</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="448" />
            <source>Added.</source>
            <translation>已新增。</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="457" />
            <source>Renamed.</source>
            <translation>已改名。</translation>
        </message>
    </context>
    <context>
        <name>ContentKind</name>
        <message>
            <location filename="../../ui/core/text.py" line="285" />
            <source>Call script</source>
            <translation>通话脚本</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="286" />
            <source>Special-situation scripts</source>
            <translation>特殊情况话术</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="287" />
            <source>Intent forms</source>
            <translation>业务表单</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="288" />
            <source>Taboo phrases</source>
            <translation>禁忌用语</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="289" />
            <source>Jargon</source>
            <translation>专业术语</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="290" />
            <source>SLA policy</source>
            <translation>时限规定(SLA)</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="291" />
            <source>Shifts, not-ready reasons, checklist</source>
            <translation>班次、未就绪原因、班前检查</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="294" />
            <source>Holiday overrides</source>
            <translation>节假日调整</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="295" />
            <source>Quality checklist and sampling</source>
            <translation>质检清单与抽检规则</translation>
        </message>
    </context>
    <context>
        <name>CorrectNotesDialog</name>
        <message>
            <location filename="../../ui/calls/correct_notes.py" line="43" />
            <source>Correct the notes of a finished call</source>
            <translation>更正已结束来电的备注</translation>
        </message>
        <message>
            <location filename="../../ui/calls/correct_notes.py" line="47" />
            <source>Corrected notes</source>
            <translation>更正后的备注</translation>
        </message>
        <message>
            <location filename="../../ui/calls/correct_notes.py" line="51" />
            <source>Reason for the correction</source>
            <translation>更正原因</translation>
        </message>
        <message>
            <location filename="../../ui/calls/correct_notes.py" line="53" />
            <source>Recorded with the correction</source>
            <translation>随更正一并记录</translation>
        </message>
        <message>
            <location filename="../../ui/calls/correct_notes.py" line="55" />
            <source>&amp;Notes</source>
            <translation>备注(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/correct_notes.py" line="55" />
            <source>&amp;Reason</source>
            <translation>原因(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/correct_notes.py" line="59" />
            <source>The earlier text is kept and the correction is audited.</source>
            <translation>原备注将保留,更正记入审计日志。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/correct_notes.py" line="63" />
            <source>Save correction</source>
            <translation>保存更正</translation>
        </message>
        <message>
            <location filename="../../ui/calls/correct_notes.py" line="66" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../ui/calls/correct_notes.py" line="81" />
            <source>Please give a reason.</source>
            <translation>请填写更正原因。</translation>
        </message>
    </context>
    <context>
        <name>CrashHandler</name>
        <message>
            <location filename="../../ui/app/crash.py" line="158" />
            <source>Agent Console — unexpected error</source>
            <translation>坐席控制台 — 意外错误</translation>
        </message>
        <message>
            <location filename="../../ui/app/crash.py" line="159" />
            <source>The console ran into an unexpected error and has to start again.</source>
            <translation>控制台遇到意外错误,需要重新启动。</translation>
        </message>
        <message>
            <location filename="../../ui/app/crash.py" line="166" />
            <source>Nothing you typed is lost: the call's notes and forms and the quick note are kept on this PC, and a call in progress is offered back when you sign in again.</source>
            <translation>您输入的内容没有丢失:通话记录、表单和便签已保存在本机,未完成的通话会在您重新登录后找回。</translation>
        </message>
        <message>
            <location filename="../../ui/app/crash.py" line="174" />
            <source>Some of what you typed could not be written to this PC (the disk refused it); the log says what.</source>
            <translation>部分输入内容未能保存到本机(磁盘拒绝写入),详见日志。</translation>
        </message>
        <message>
            <location filename="../../ui/app/crash.py" line="179" />
            <source>Error: %1</source>
            <translation>错误:%1</translation>
        </message>
        <message>
            <location filename="../../ui/app/crash.py" line="181" />
            <source>Written down in %1</source>
            <translation>详情已记录在 %1</translation>
        </message>
        <message>
            <location filename="../../ui/app/crash.py" line="184" />
            <source>Restart the console</source>
            <translation>重新启动控制台</translation>
        </message>
        <message>
            <location filename="../../ui/app/crash.py" line="186" />
            <source>Quit</source>
            <translation>退出</translation>
        </message>
    </context>
    <context>
        <name>CrashLogViewer</name>
        <message>
            <location filename="../../ui/app/crash.py" line="280" />
            <source>Crash log</source>
            <translation>崩溃日志</translation>
        </message>
        <message>
            <location filename="../../ui/app/crash.py" line="287" />
            <source>Copy</source>
            <translation>复制</translation>
        </message>
    </context>
    <context>
        <name>CrashNotice</name>
        <message>
            <location filename="../../ui/app/crash.py" line="210" />
            <source>Notice</source>
            <translation>通知</translation>
        </message>
        <message>
            <location filename="../../ui/app/crash.py" line="215" />
            <source>The console stopped unexpectedly on %1. Drafts kept on this PC are offered back after you sign in.</source>
            <translation>控制台在 %1 意外退出。保存在本机的草稿会在您登录后找回。</translation>
        </message>
        <message>
            <location filename="../../ui/app/crash.py" line="221" />
            <source>Show log</source>
            <translation>查看日志</translation>
        </message>
        <message>
            <location filename="../../ui/app/crash.py" line="222" />
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <location filename="../../ui/app/crash.py" line="223" />
            <source>Dismiss</source>
            <translation>知道了</translation>
        </message>
        <message>
            <location filename="../../ui/app/crash.py" line="266" />
            <source>Copied</source>
            <translation>已复制</translation>
        </message>
    </context>
    <context>
        <name>Criterion</name>
        <message>
            <location filename="../../ui/core/text.py" line="342" />
            <source>Answered within the rings</source>
            <translation>按时接听</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="345" />
            <source>Greeting</source>
            <translation>问候语</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="346" />
            <source>Caller addressed by surname</source>
            <translation>以姓氏称呼客户</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="349" />
            <source>Caller verified</source>
            <translation>核实客户身份</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="350" />
            <source>Consent asked (outbound)</source>
            <translation>征得客户同意(外拨)</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="351" />
            <source>Asked for other questions</source>
            <translation>询问是否还有其他问题</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="352" />
            <source>Closing phrase</source>
            <translation>结束语</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="353" />
            <source>Caller hung up first</source>
            <translation>客户先挂机</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="356" />
            <source>No taboo phrases</source>
            <translation>无服务忌语</translation>
        </message>
    </context>
    <context>
        <name>CustomerCardView</name>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="49" />
            <source>Customer card</source>
            <translation>客户信息</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="78" />
            <source>Attention</source>
            <translation>注意事项</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="83" />
            <source>Account</source>
            <translation>户号</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="84" />
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="85" />
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="86" />
            <source>Account type</source>
            <translation>用户类型</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="87" />
            <source>Safety inspection</source>
            <translation>安全检查</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="95" />
            <source>Special &amp;group…</source>
            <translation>登记特殊群体(&amp;G)…</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="98" />
            <source>Register an elderly, ill or disabled customer for home visits (R3.9)</source>
            <translation>将老、弱、病、残客户登记为特殊群体,安排上门走访(R3.9)</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="113" />
            <source>Find the caller</source>
            <translation>查找来电客户</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="115" />
            <source>Find: name, address, account no. or last 4+ digits — Enter</source>
            <translation>查找:姓名、地址、户号或电话后4位以上,按回车</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="124" />
            <location filename="../../ui/customers/customer_card.py" line="211" />
            <source>Several accounts use this number — choose:</source>
            <translation>此号码关联多个户号,请核实后选择:</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="127" />
            <source>Accounts on this number</source>
            <translation>此号码关联的户号</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="132" />
            <source>Open cases — tick the one this call is about</source>
            <translation>未办结工单 — 勾选本次来电所涉及的工单</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="136" />
            <source>Open cases</source>
            <translation>未办结工单</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="139" />
            <location filename="../../ui/customers/customer_card.py" line="143" />
            <source>Recent contacts</source>
            <translation>最近联系</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="155" />
            <source>Withheld number</source>
            <translation>未显示号码</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="156" />
            <source>Looking up the caller…</source>
            <translation>正在查找来电客户…</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="160" />
            <source>No call</source>
            <translation>无通话</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="183" />
            <source>No customer found</source>
            <translation>未找到客户</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="186" />
            <source>Found — verify the caller, then Enter to choose:</source>
            <translation>查找结果 — 核实客户身份后按回车选定:</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/customers/customer_card.py" line="199" />
            <source>%n account(s) on this number</source>
            <translation>
                <numerusform>此号码关联 %n 个户号</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="203" />
            <source>Unknown caller</source>
            <translation>未知来电</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="206" />
            <source>(number withheld)</source>
            <translation>(未显示号码)</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="224" />
            <source>No earlier contacts</source>
            <translation>此前无联系记录</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="272" />
            <source>never inspected</source>
            <translation>从未安检</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="274" />
            <source>last %1</source>
            <translation>上次 %1</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="276" />
            <source>OVERDUE since %1</source>
            <translation>自 %1 起逾期</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="288" />
            <source>Special-group customer (%1): speak slowly, offer extra help</source>
            <translation>特殊群体客户(%1):请放慢语速,主动提供帮助</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="293" />
            <source>Safety inspection overdue: offer to book one</source>
            <translation>安全检查已逾期:请主动为客户预约安检</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="298" />
            <source>Marked as a nuisance caller until %1 (%2). If it happens again: %3</source>
            <translation>骚扰电话标记(至 %1,%2)。如再次骚扰,请说:%3</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="307" />
            <source>not yet known</source>
            <translation>待定</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="310" />
            <source>In an outage area: %1 — %2; gas expected back %3</source>
            <translation>停气区域内客户:%1 — %2;预计恢复供气 %3</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="317" />
            <source>Repeat caller: %1 call(s) in 24 h, %2 in 7 days</source>
            <translation>重复来电:24小时内 %1 次,7天内 %2 次</translation>
        </message>
        <message>
            <location filename="../../ui/customers/customer_card.py" line="326" />
            <source>no intent recorded</source>
            <translation>未记录诉求</translation>
        </message>
    </context>
    <context>
        <name>CustomerLookupDialog</name>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="89" />
            <source>Customer look-up</source>
            <translation>客户查询</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="96" />
            <source>Not for the caller on a call (the card shows them). Say why you look: the reason and what is found go to the audit trail, and numbers are masked.</source>
            <translation>用于查询通话以外的客户(通话中的来电客户见客户卡片)。请先说明查询原因:原因与查询结果都记入审计,号码脱敏显示。</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="105" />
            <source>Reason for the look-up</source>
            <translation>查询原因</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="107" />
            <source>e.g. callback on case G2026-00123 · checking an outage notice's address</source>
            <translation>例如:回访工单 G2026-00123 · 核对停气通知地址</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="112" />
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="114" />
            <source>Name, address, account no. or the last 4+ digits of a number</source>
            <translation>姓名、地址、户号或电话号码后 4 位以上</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="118" />
            <source>&amp;Reason</source>
            <translation>原因(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="118" />
            <source>Cus&amp;tomer</source>
            <translation>客户(&amp;T)</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="122" />
            <source>&amp;Look up</source>
            <translation>查询(&amp;L)</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="130" />
            <source>Customers found</source>
            <translation>查到的客户</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="157" />
            <source>First say why you look this customer up.</source>
            <translation>请先说明查询原因。</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="175" />
            <source>%1 customer(s) found, shown masked. This look-up is in the audit trail.</source>
            <translation>查到 %1 户,已脱敏显示。本次查询已记入审计。</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="180" />
            <source>Nobody found. This look-up is in the audit trail all the same.</source>
            <translation>查无此人。本次查询同样已记入审计。</translation>
        </message>
    </context>
    <context>
        <name>DialBar</name>
        <message>
            <location filename="../../ui/telephony/dial_bar.py" line="119" />
            <source>Dial (Ctrl+D)</source>
            <translation>拨号(Ctrl+D)</translation>
        </message>
        <message>
            <location filename="../../ui/telephony/dial_bar.py" line="122" />
            <source>Hang up</source>
            <translation>挂机</translation>
        </message>
        <message>
            <location filename="../../ui/telephony/dial_bar.py" line="127" />
            <source>Outbound call</source>
            <translation>外呼</translation>
        </message>
        <message>
            <location filename="../../ui/telephony/dial_bar.py" line="172" />
            <source>Calling %1…</source>
            <translation>正在呼叫 %1…</translation>
        </message>
        <message>
            <location filename="../../ui/telephony/dial_bar.py" line="182" />
            <source>You hung up.</source>
            <translation>您已挂机。</translation>
        </message>
        <message>
            <location filename="../../ui/telephony/dial_bar.py" line="210" />
            <source>Connected: say the opening.</source>
            <translation>已接通:请说开头语。</translation>
        </message>
        <message>
            <location filename="../../ui/telephony/dial_bar.py" line="219" />
            <source>The customer hung up.</source>
            <translation>客户已挂机。</translation>
        </message>
        <message>
            <location filename="../../ui/telephony/dial_bar.py" line="221" />
            <source>No answer (%1). Record the result.</source>
            <translation>未接通(%1)。请记录结果。</translation>
        </message>
        <message>
            <location filename="../../ui/telephony/dial_bar.py" line="222" />
            <source>the call ended</source>
            <translation>通话结束</translation>
        </message>
        <message>
            <location filename="../../ui/telephony/dial_bar.py" line="231" />
            <source>The softphone lost the call. Dial again.</source>
            <translation>软电话丢失了通话,请重新拨号。</translation>
        </message>
    </context>
    <context>
        <name>DialoguePanel</name>
        <message>
            <location filename="../../ui/calls/dialogue_panel.py" line="96" />
            <source>Script — F8 marks the highlighted line as said</source>
            <translation>话术 — 按 F8 标记高亮的一句已说</translation>
        </message>
        <message>
            <location filename="../../ui/calls/dialogue_panel.py" line="101" />
            <source>Script lines</source>
            <translation>话术</translation>
        </message>
        <message>
            <location filename="../../ui/calls/dialogue_panel.py" line="106" />
            <source>Prompt</source>
            <translation>提示</translation>
        </message>
        <message>
            <location filename="../../ui/calls/dialogue_panel.py" line="109" />
            <source>Quick scripts (F9)</source>
            <translation>快捷话术 (F9)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/dialogue_panel.py" line="113" />
            <source>Filter quick scripts</source>
            <translation>筛选快捷话术</translation>
        </message>
        <message>
            <location filename="../../ui/calls/dialogue_panel.py" line="114" />
            <source>Type to filter, Enter to say</source>
            <translation>输入文字筛选,按回车标记已说</translation>
        </message>
        <message>
            <location filename="../../ui/calls/dialogue_panel.py" line="120" />
            <source>Quick scripts</source>
            <translation>快捷话术</translation>
        </message>
        <message>
            <location filename="../../ui/calls/dialogue_panel.py" line="123" />
            <source>Silent call sequence</source>
            <translation>无声电话流程</translation>
        </message>
        <message>
            <location filename="../../ui/calls/dialogue_panel.py" line="126" />
            <source>Caller does not hang up</source>
            <translation>客户迟迟不挂机</translation>
        </message>
    </context>
    <context>
        <name>EndSessionDialog</name>
        <message>
            <location filename="../../ui/shift/supervisor.py" line="51" />
            <source>End a session</source>
            <translation>结束会话</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor.py" line="59" />
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor.py" line="60" />
            <source>Recorded in the audit trail</source>
            <translation>将记入审计日志</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor.py" line="55" />
            <source>Session</source>
            <translation>会话</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor.py" line="64" />
            <source>&amp;Session</source>
            <translation>会话(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor.py" line="65" />
            <source>&amp;Reason</source>
            <translation>原因(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor.py" line="72" />
            <source>End session</source>
            <translation>结束会话</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor.py" line="74" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor.py" line="96" />
            <source>%1 %2 · seat %3 · since %4</source>
            <translation>工号 %1 %2 · 坐席 %3 · %4 起</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor.py" line="99" />
            <source>(not responding)</source>
            <translation>(已失去响应)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor.py" line="102" />
            <source>Nobody else is signed in.</source>
            <translation>没有其他人登录。</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor.py" line="107" />
            <source>Please give a reason.</source>
            <translation>请填写原因。</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor.py" line="123" />
            <source>That session has already ended.</source>
            <translation>该会话已经结束。</translation>
        </message>
    </context>
    <context>
        <name>Fields</name>
        <message>
            <location filename="../../ui/core/fields.py" line="50" />
            <source>“%1” cannot hold control characters such as NUL (U+%2): not typed in.</source>
            <translation>“%1”不能含有 NUL 等控制字符(U+%2):未录入。</translation>
        </message>
        <message>
            <location filename="../../ui/core/fields.py" line="58" />
            <source>“%1” holds at most %2 characters; with this it would hold %3. Not typed in: what was there is kept.</source>
            <translation>“%1”最多 %2 个字符,加上这些将有 %3 个。未录入:原有内容保持不变。</translation>
        </message>
        <message>
            <location filename="../../ui/core/fields.py" line="71" />
            <source>At most %1 characters</source>
            <translation>最多 %1 个字符</translation>
        </message>
    </context>
    <context>
        <name>Handover</name>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="54" />
            <source>%1 · job no. %2 · seat %3 · %4–%5</source>
            <translation>%1 · 工号 %2 · 坐席 %3 · %4–%5</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="60" />
            <source>Calls: %1 (answered %2, not answered %3)</source>
            <translation>来电:%1 个(接听 %2,未接 %3)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="68" />
            <source>Cases due before %1 ends: %2</source>
            <translation>%1结束前到期的工单:%2 件</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="77" />
            <source>Promised callbacks: %1</source>
            <translation>已承诺的回访/回电:%1 个</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="86" />
            <source>Active incidents: %1</source>
            <translation>进行中的抢险:%1 起</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="94" />
            <source>Outage notices (notified/total · to call/door to door): %1</source>
            <translation>停气通知(已通知/总户数 · 待拨打/需上门):%1 项</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="100" />
            <source>Equipment problems: %1</source>
            <translation>设备问题:%1 项</translation>
        </message>
    </context>
    <context>
        <name>Intent</name>
        <message>
            <location filename="../../ui/core/text.py" line="137" />
            <source>Inquiry</source>
            <translation>咨询</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="138" />
            <source>Complaint</source>
            <translation>投诉</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="139" />
            <source>Repair</source>
            <translation>报修</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="140" />
            <source>Emergency</source>
            <translation>抢险</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="141" />
            <source>Suggestion</source>
            <translation>建议</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="142" />
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="143" />
            <source>Callback</source>
            <translation>回访</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="144" />
            <source>Notification</source>
            <translation>通知</translation>
        </message>
    </context>
    <context>
        <name>IntentForm</name>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="250" />
            <source>Intent</source>
            <translation>诉求</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="289" />
            <source>(choose the intent)</source>
            <translation>(请选择诉求)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="376" />
            <source>YYYY-MM-DD HH:MM, or HH:MM for today</source>
            <translation>年-月-日 时:分,当天可只填 时:分</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="469" />
            <source>Choose the caller's intent.</source>
            <translation>请选择客户的诉求。</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/calls/call_forms.py" line="487" />
            <source>%n field(s) need attention before the call can be closed.</source>
            <translation>
                <numerusform>还有 %n 项需要填写或更正,才能结束此通话。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>KeySheet</name>
        <message>
            <location filename="../../ui/app/key_sheet.py" line="44" />
            <source>Keyboard</source>
            <translation>快捷键</translation>
        </message>
        <message>
            <location filename="../../ui/app/key_sheet.py" line="47" />
            <source>Alt + underlined letter</source>
            <translation>Alt + 带下划线的字母</translation>
        </message>
        <message>
            <location filename="../../ui/app/key_sheet.py" line="47" />
            <source>Go to that tab, field or button</source>
            <translation>转到该标签页、字段或按钮</translation>
        </message>
        <message>
            <location filename="../../ui/app/key_sheet.py" line="48" />
            <source>Tab / Shift+Tab</source>
            <translation>Tab / Shift+Tab</translation>
        </message>
        <message>
            <location filename="../../ui/app/key_sheet.py" line="48" />
            <source>Next / previous field, in reading order</source>
            <translation>按阅读顺序到下一个 / 上一个字段</translation>
        </message>
        <message>
            <location filename="../../ui/app/key_sheet.py" line="49" />
            <source>Ctrl+Tab</source>
            <translation>Ctrl+Tab</translation>
        </message>
        <message>
            <location filename="../../ui/app/key_sheet.py" line="49" />
            <source>Next tab of the window</source>
            <translation>窗口的下一个标签页</translation>
        </message>
        <message>
            <location filename="../../ui/app/key_sheet.py" line="50" />
            <source>Esc</source>
            <translation>Esc</translation>
        </message>
        <message>
            <location filename="../../ui/app/key_sheet.py" line="50" />
            <source>Close a dialog</source>
            <translation>关闭对话框</translation>
        </message>
        <message>
            <location filename="../../ui/app/key_sheet.py" line="54" />
            <source>Keys</source>
            <translation>按键</translation>
        </message>
        <message>
            <location filename="../../ui/app/key_sheet.py" line="55" />
            <source>Key</source>
            <translation>按键</translation>
        </message>
        <message>
            <location filename="../../ui/app/key_sheet.py" line="55" />
            <source>What it does</source>
            <translation>作用</translation>
        </message>
        <message>
            <location filename="../../ui/app/key_sheet.py" line="65" />
            <source>The console works from the keyboard alone. These keys work now:</source>
            <translation>控制台只用键盘即可操作。以下按键现在可用:</translation>
        </message>
    </context>
    <context>
        <name>KnowledgePanel</name>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="60" />
            <source>Search the answers</source>
            <translation>搜索知识库</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="61" />
            <source>Keywords, e.g. 报装 证件 · 安全用气 · IC卡 · 电池</source>
            <translation>输入关键词,例如:报装 证件 · 安全用气 · IC卡 · 电池</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="63" />
            <source>Answers found</source>
            <translation>找到的答案</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="68" />
            <source>Answer</source>
            <translation>答案</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="73" />
            <source>Tell the calle&amp;r (Ctrl+Enter)</source>
            <translation>已告知客户(&amp;R)(Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="92" />
            <source>Ed&amp;it this answer…</source>
            <translation>修改此答复(&amp;I)…</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="76" />
            <source>Record on the current call that this answer was given, in its notes</source>
            <translation>在本次通话中记录已给出此答复(写入备注)</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="89" />
            <source>&amp;New answer…</source>
            <translation>新建答复(&amp;N)…</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="154" />
            <source>Saved: %1</source>
            <translation>已保存:%1</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="173" />
            <source>Recorded on the call: %1</source>
            <translation>已记入本次通话:%1</translation>
        </message>
        <message>
            <location filename="../../ui/content/knowledge_panel.py" line="201" />
            <source>No answer has these words.</source>
            <translation>没有包含这些关键词的答案。</translation>
        </message>
    </context>
    <context>
        <name>LockOverlay</name>
        <message>
            <location filename="../../ui/people/lock.py" line="39" />
            <location filename="../../ui/people/lock.py" line="44" />
            <source>Console locked</source>
            <translation>控制台已锁定</translation>
        </message>
        <message>
            <location filename="../../ui/people/lock.py" line="53" />
            <location filename="../../ui/people/lock.py" line="54" />
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <location filename="../../ui/people/lock.py" line="58" />
            <source>Unlock</source>
            <translation>解锁</translation>
        </message>
        <message>
            <location filename="../../ui/people/lock.py" line="62" />
            <source>Sign out</source>
            <translation>签出</translation>
        </message>
        <message>
            <location filename="../../ui/people/lock.py" line="122" />
            <source>Enter your password.</source>
            <translation>请输入密码。</translation>
        </message>
        <message>
            <location filename="../../ui/people/lock.py" line="126" />
            <source>Checking…</source>
            <translation>正在验证…</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <location filename="../../ui/people/login.py" line="74" />
            <source>Agent Console — Sign in</source>
            <translation>坐席控制台 — 登录</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="77" />
            <source>Agent Console</source>
            <translation>坐席控制台</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="80" />
            <source>Tai'an Antai Gas Co., Ltd. · Customer service hotline %1</source>
            <translation>泰安安泰燃气有限公司 · 客服热线 %1</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="129" />
            <source>e.g. 1001</source>
            <translation>例如 1001</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="130" />
            <source>Job number</source>
            <translation>工号</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="136" />
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="140" />
            <location filename="../../ui/people/login.py" line="153" />
            <source>Seat</source>
            <translation>坐席</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="147" />
            <source>&amp;Job number</source>
            <translation>工号(&amp;J)</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="149" />
            <source>&amp;Password</source>
            <translation>密码(&amp;P)</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="158" />
            <location filename="../../ui/people/login.py" line="161" />
            <source>Log in</source>
            <translation>登录</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="162" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="162" />
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="166" />
            <source>&amp;Retry connecting</source>
            <translation>重新连接(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="288" />
            <source>Your last session at this seat is still open: the console closed unexpectedly. It lapses in %1 s; you are then signed in automatically.</source>
            <translation>您在本坐席上次的登录仍未结束(控制台意外关闭),将在 %1 秒后失效,届时自动为您登录。</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="111" />
            <source>Sign in again</source>
            <translation>重新登录</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="222" />
            <source>Enter your job number.</source>
            <translation>请输入工号。</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="225" />
            <source>Enter your password.</source>
            <translation>请输入密码。</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="231" />
            <source>Connecting to the database…</source>
            <translation>正在连接数据库…</translation>
        </message>
        <message>
            <location filename="../../ui/people/login.py" line="234" />
            <source>Signing in…</source>
            <translation>正在登录…</translation>
        </message>
    </context>
    <context>
        <name>LookupModel</name>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="64" />
            <source>Account no.</source>
            <translation>户号</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="65" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="66" />
            <source>Phone (masked)</source>
            <translation>电话(脱敏)</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="67" />
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="68" />
            <source>Account type</source>
            <translation>用户类型</translation>
        </message>
        <message>
            <location filename="../../ui/customers/lookup_dialog.py" line="69" />
            <source>Special group</source>
            <translation>特殊群体</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../ui/app/main_window.py" line="149" />
            <location filename="../../ui/app/main_window.py" line="1445" />
            <source>Agent Console</source>
            <translation>坐席控制台</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="218" />
            <source>Sign &amp;out</source>
            <translation>签出(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="221" />
            <source>End this session and return to the login screen</source>
            <translation>结束本次会话并返回登录界面</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="225" />
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="228" />
            <source>&amp;Lock screen</source>
            <translation>锁定屏幕(&amp;L)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="231" />
            <source>Hide the window until your password is entered</source>
            <translation>遮挡窗口,输入密码后才能继续</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="235" />
            <source>Change &amp;password…</source>
            <translation>修改密码(&amp;P)…</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="239" />
            <source>&amp;Walk-in visit</source>
            <translation>来访登记(&amp;W)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="242" />
            <source>Record a visitor at the service hall with the call forms (来访登记)</source>
            <translation>用来电的表单登记到服务大厅来访的客户(来访登记)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="259" />
            <source>Not ready because…</source>
            <translation>未就绪原因…</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="264" />
            <source>&amp;Find a customer…</source>
            <translation>客户查询(&amp;F)…</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="267" />
            <source>Look up a customer who is not on a call: with a reason, masked, audited</source>
            <translation>查询不在通话中的客户:须说明原因,结果脱敏,记入审计</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="271" />
            <source>&amp;Nuisance callers…</source>
            <translation>骚扰电话标记(&amp;N)…</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="273" />
            <source>Mark a number after harassment, or lift a mark (R2.18)</source>
            <translation>标记骚扰来电号码,或撤销标记(R2.18)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="277" />
            <source>&amp;People and seats…</source>
            <translation>人员与坐席(&amp;P)…</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="279" />
            <source>Add, change or disable job numbers and seats (administrators)</source>
            <translation>新增、修改、停用工号与坐席(管理员)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="283" />
            <source>&amp;Scripts, lists and policies…</source>
            <translation>话术、清单与时限(&amp;S)…</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="285" />
            <source>Edit, check and roll back what the seats say and apply (administrators)</source>
            <translation>编辑、检查、回退各坐席使用的话术与规则(管理员)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="289" />
            <source>This seat's so&amp;ftphone…</source>
            <translation>本坐席软电话(&amp;F)…</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="291" />
            <source>The SIP account and ports of this seat's baresip (administrators)</source>
            <translation>本坐席 baresip 的 SIP 账号与端口(管理员)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="295" />
            <source>&amp;End a session…</source>
            <translation>结束会话(&amp;E)…</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="297" />
            <source>End another seat's session (supervisors)</source>
            <translation>结束其他坐席的会话(值班经理)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="301" />
            <source>Sign &amp;in again…</source>
            <translation>重新登录(&amp;I)…</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="312" />
            <source>&amp;About Agent Console</source>
            <translation>关于坐席控制台(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="314" />
            <source>&amp;Keyboard…</source>
            <translation>快捷键一览(&amp;K)…</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="317" />
            <source>Every key of the console on one sheet</source>
            <translation>控制台的全部按键一览</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="321" />
            <source>Back to the &amp;call</source>
            <translation>回到通话(&amp;C)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="324" />
            <source>The call screen, from any tab</source>
            <translation>从任意标签页回到通话界面</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="328" />
            <source>&amp;Reports and printing…</source>
            <translation>报表与打印(&amp;R)…</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="331" />
            <source>Print or export a report; every one is registered (R6)</source>
            <translation>打印或导出报表;每份报表都会登记(R6)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="344" />
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="350" />
            <source>&amp;Agent</source>
            <translation>坐席(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="360" />
            <source>&amp;Supervisor</source>
            <translation>监督(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="363" />
            <source>Ad&amp;ministration</source>
            <translation>管理(&amp;M)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="367" />
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="368" />
            <source>&amp;Language</source>
            <translation>语言(&amp;L)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="372" />
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="377" />
            <source>Main toolbar</source>
            <translation>主工具栏</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="385" />
            <source>Lock</source>
            <translation>锁屏</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="386" />
            <location filename="../../ui/app/main_window.py" line="1176" />
            <source>Sign out</source>
            <translation>签出</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="416" />
            <source>Tai'an Antai Gas Co., Ltd. · Customer service center</source>
            <translation>泰安安泰燃气有限公司 · 客服中心</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="418" />
            <source>Service hotline %1</source>
            <translation>服务热线 %1</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="422" />
            <source>Set your state to Ready when you are ready to take calls. Calls, work orders and customer records will appear here.</source>
            <translation>准备好接听来电时,请将状态设为“就绪”。来电、工单和客户档案将在这里显示。</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="643" />
            <source>&amp;Quality inspection</source>
            <translation>质检(&amp;Q)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="646" />
            <source>&amp;Quality results</source>
            <translation>质检结果(&amp;Q)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="431" />
            <source>Quick note</source>
            <translation>快速记录</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="433" />
            <source>Jot down a caller's number or an account number while you talk</source>
            <translation>通话时可在此临时记下来电号码、户号等</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="438" />
            <source>Keyboard: Ctrl+1 Ready · Ctrl+2 Not ready · Ctrl+3 Break · Ctrl+L Lock screen · Ctrl+Shift+Q Sign out</source>
            <translation>快捷键:Ctrl+1 就绪 · Ctrl+2 未就绪 · Ctrl+3 小休 · Ctrl+L 锁定屏幕 · Ctrl+Shift+Q 签出</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="464" />
            <source>Hom&amp;e</source>
            <translation>首页(&amp;E)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="510" />
            <source>&amp;Call</source>
            <translation>通话(&amp;C)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="518" />
            <source>Call &amp;log</source>
            <translation>来电记录(&amp;L)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="559" />
            <source>Call&amp;backs</source>
            <translation>回访(&amp;B)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="525" />
            <source>&amp;Knowledge</source>
            <translation>知识库(&amp;K)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="428" />
            <source>Quick &amp;note (kept on this PC)</source>
            <translation>快速记录(保存在本机)(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="547" />
            <source>M&amp;y cases</source>
            <translation>我的工单(&amp;Y)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="570" />
            <source>Outa&amp;ge notices</source>
            <translation>停气通知(&amp;G)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="586" />
            <source>Shif&amp;t</source>
            <translation>交接班(&amp;T)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="613" />
            <source>Boar&amp;d</source>
            <translation>值班看板(&amp;D)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="798" />
            <source>Softphone settings saved: they take effect at the next sign-in.</source>
            <translation>软电话设置已保存,下次登录时生效。</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="837" />
            <source>Updated by an administrator: %1</source>
            <translation>管理员已更新:%1</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="968" />
            <source>a withheld number</source>
            <translation>未显示号码的客户</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="972" />
            <source>A call from %1 was not finished when the console closed. Restore it now to complete its wrap-up? Nothing typed is lost.</source>
            <translation>控制台关闭时,来自 %1 的通话尚未完成。现在恢复并完成话后处理吗?已输入的内容都不会丢失。</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="975" />
            <source>Restore call</source>
            <translation>恢复通话</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1004" />
            <source>Signed-in agent</source>
            <translation>当前坐席员</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1005" />
            <source>Seat</source>
            <translation>坐席</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1006" />
            <source>Agent state</source>
            <translation>坐席状态</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1007" />
            <source>Database connection</source>
            <translation>数据库连接</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1017" />
            <source>Hello, %1</source>
            <translation>您好,%1</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1019" />
            <source>Job number %1 · Seat %2 · %3 · Signed in at %4</source>
            <translation>工号 %1 · 坐席 %2 · %3 · %4 签入</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1026" />
            <source>Job number %1 %2</source>
            <translation>工号 %1 %2</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1028" />
            <source>Seat %1</source>
            <translation>坐席 %1</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1029" />
            <source>Session ended</source>
            <translation>会话已结束</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1032" />
            <source>State: %1</source>
            <translation>状态:%1</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1047" />
            <source>● Database connected</source>
            <translation>● 数据库已连接</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1047" />
            <source>● Database connection lost</source>
            <translation>● 数据库连接中断</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1157" />
            <source>the call on the desk (its wrap-up is not finished)</source>
            <translation>当前通话(话后处理尚未完成)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1159" />
            <source>the callback taken (its result is not recorded)</source>
            <translation>已领取的回访(结果尚未记录)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1161" />
            <source>the outage notice taken (its result is not recorded)</source>
            <translation>已领取的停气通知(结果尚未记录)</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1173" />
            <source>Sign out although this is not finished?

%1</source>
            <translation>以下事项尚未完成,仍要签出吗?

%1</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1196" />
            <source>Signing out…</source>
            <translation>正在签出…</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1271" />
            <source>State changed to %1</source>
            <translation>状态已切换为:%1</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1287" />
            <source>Database connection lost, retrying… What you type is kept.</source>
            <translation>数据库连接中断,正在重试… 已输入的内容会保留。</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1288" />
            <source>Retry now</source>
            <translation>立即重试</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1295" />
            <source>Database connection restored.</source>
            <translation>数据库连接已恢复。</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1299" />
            <source>Sign in again…</source>
            <translation>重新登录…</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1331" />
            <source>Signed in again.</source>
            <translation>已重新登录。</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1354" />
            <source>Job number %1 %2 · Seat %3</source>
            <translation>工号 %1 %2 · 坐席 %3</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1395" />
            <source>Password changed.</source>
            <translation>密码已修改。</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1407" />
            <source>Session %1 ended.</source>
            <translation>会话 %1 已结束。</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1422" />
            <source>The new language takes effect the next time the console starts.</source>
            <translation>新的界面语言将在下次启动控制台时生效。</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1438" />
            <source>Agent Console
Customer service center of Tai'an Antai Gas Co., Ltd.
Service hotline %1</source>
            <translation>坐席控制台
泰安安泰燃气有限公司 客服中心
服务热线 %1</translation>
        </message>
        <message>
            <location filename="../../ui/app/main_window.py" line="1441" />
            <source>About Agent Console</source>
            <translation>关于坐席控制台</translation>
        </message>
    </context>
    <context>
        <name>MessageLabel</name>
        <message>
            <location filename="../../ui/core/widgets.py" line="58" />
            <source>Message</source>
            <translation>提示信息</translation>
        </message>
    </context>
    <context>
        <name>MyCasesModel</name>
        <message>
            <location filename="../../ui/cases/my_cases.py" line="102" />
            <source>Time left</source>
            <translation>剩余时间</translation>
        </message>
        <message>
            <location filename="../../ui/cases/my_cases.py" line="103" />
            <source>Case no.</source>
            <translation>工单号</translation>
        </message>
        <message>
            <location filename="../../ui/cases/my_cases.py" line="104" />
            <source>Deadline</source>
            <translation>时限</translation>
        </message>
        <message>
            <location filename="../../ui/cases/my_cases.py" line="105" />
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../../ui/cases/my_cases.py" line="106" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../ui/cases/my_cases.py" line="107" />
            <source>Summary</source>
            <translation>摘要</translation>
        </message>
        <message>
            <location filename="../../ui/cases/my_cases.py" line="108" />
            <source>Opened</source>
            <translation>受理时间</translation>
        </message>
        <message>
            <location filename="../../ui/cases/my_cases.py" line="133" />
            <source>paused</source>
            <translation>已暂停</translation>
        </message>
        <message>
            <location filename="../../ui/cases/my_cases.py" line="134" />
            <source>d</source>
            <translation>天</translation>
        </message>
        <message>
            <location filename="../../ui/cases/my_cases.py" line="136" />
            <source>overdue %1</source>
            <translation>超时 %1</translation>
        </message>
    </context>
    <context>
        <name>MyCasesView</name>
        <message>
            <location filename="../../ui/cases/my_cases.py" line="164" />
            <source>My cases</source>
            <translation>我的工单</translation>
        </message>
        <message>
            <location filename="../../ui/cases/my_cases.py" line="172" />
            <source>My open cases, most urgent first</source>
            <translation>我的未办结工单,最紧急的在前</translation>
        </message>
        <message>
            <location filename="../../ui/cases/my_cases.py" line="222" />
            <source>%1 open case(s), %2 overdue</source>
            <translation>未办结工单 %1 件,超时 %2 件</translation>
        </message>
    </context>
    <context>
        <name>MyResults</name>
        <message>
            <location filename="../../ui/quality/my_results.py" line="46" />
            <source>My quality results</source>
            <translation>我的质检结果</translation>
        </message>
        <message>
            <location filename="../../ui/quality/my_results.py" line="58" />
            <source>Your reply (appeal)</source>
            <translation>您的申诉</translation>
        </message>
        <message>
            <location filename="../../ui/quality/my_results.py" line="60" />
            <source>If you disagree, say why (one reply; a supervisor answers it)</source>
            <translation>如有异议,请写明理由(只能申诉一次,由值班经理答复)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/my_results.py" line="64" />
            <source>Send re&amp;ply</source>
            <translation>提交申诉(&amp;P)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/my_results.py" line="67" />
            <source>Ackno&amp;wledge</source>
            <translation>确认结果(&amp;W)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/my_results.py" line="146" />
            <source>Saved.</source>
            <translation>已保存。</translation>
        </message>
    </context>
    <context>
        <name>NuisanceDialog</name>
        <message>
            <location filename="../../ui/customers/nuisance_dialog.py" line="49" />
            <source>Nuisance callers</source>
            <translation>骚扰电话标记</translation>
        </message>
        <message>
            <location filename="../../ui/customers/nuisance_dialog.py" line="59" />
            <source>Caller number</source>
            <translation>来电号码</translation>
        </message>
        <message>
            <location filename="../../ui/customers/nuisance_dialog.py" line="61" />
            <source>Reason</source>
            <translation>标记原因</translation>
        </message>
        <message>
            <location filename="../../ui/customers/nuisance_dialog.py" line="63" />
            <source>What happened, e.g. repeated abusive calls</source>
            <translation>发生了什么,例如:多次来电辱骂坐席</translation>
        </message>
        <message>
            <location filename="../../ui/customers/nuisance_dialog.py" line="67" />
            <source> day(s)</source>
            <translation> 天</translation>
        </message>
        <message>
            <location filename="../../ui/customers/nuisance_dialog.py" line="69" />
            <source>&amp;Number</source>
            <translation>号码(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../ui/customers/nuisance_dialog.py" line="70" />
            <source>&amp;Reason</source>
            <translation>原因(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/customers/nuisance_dialog.py" line="71" />
            <source>&amp;Stands for</source>
            <translation>有效期(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../ui/customers/nuisance_dialog.py" line="72" />
            <source>&amp;Mark the number</source>
            <translation>标记该号码(&amp;M)</translation>
        </message>
        <message>
            <location filename="../../ui/customers/nuisance_dialog.py" line="74" />
            <source>&amp;Lift the chosen mark</source>
            <translation>撤销所选标记(&amp;L)</translation>
        </message>
        <message>
            <location filename="../../ui/customers/nuisance_dialog.py" line="77" />
            <source>Standing marks</source>
            <translation>有效的标记</translation>
        </message>
        <message>
            <location filename="../../ui/customers/nuisance_dialog.py" line="127" />
            <source>Marked.</source>
            <translation>已标记。</translation>
        </message>
        <message>
            <location filename="../../ui/customers/nuisance_dialog.py" line="136" />
            <source>Mark lifted.</source>
            <translation>已撤销标记。</translation>
        </message>
    </context>
    <context>
        <name>QualityDesk</name>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="60" />
            <source>Quality inspection</source>
            <translation>质检</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="101" />
            <source>Call id to add</source>
            <translation>要加入的通话编号</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="102" />
            <source>Call id (from the call log)</source>
            <translation>通话编号(见来电记录)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="143" />
            <location filename="../../ui/quality/quality_desk.py" line="144" />
            <source>Answer to the agent's reply</source>
            <translation>对坐席申诉的答复</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="91" />
            <source>Review the next call (Ctrl+N)</source>
            <translation>质检下一通(Ctrl+N)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="96" />
            <source>Draw yesterday's calls</source>
            <translation>抽取昨日通话</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="104" />
            <source>Add to the list</source>
            <translation>加入质检列表</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="127" />
            <source>Waiti&amp;ng</source>
            <translation>待质检(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="128" />
            <source>Re&amp;plies to answer</source>
            <translation>待答复申诉(&amp;P)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="129" />
            <source>Revie&amp;wed</source>
            <translation>已质检(&amp;W)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="133" />
            <source>Save review (Ctrl+S)</source>
            <translation>保存质检(Ctrl+S)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="138" />
            <source>Release</source>
            <translation>放回列表</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="145" />
            <source>Answer</source>
            <translation>答复</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="185" />
            <source>Re&amp;plies to answer (%1)</source>
            <translation>待答复申诉(&amp;P)(%1)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="199" />
            <source>%1 calls of %2 drawn for review.</source>
            <translation>已抽取 %2 的 %1 通电话待质检。</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="252" />
            <source>No call is waiting for review.</source>
            <translation>没有待质检的通话。</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_desk.py" line="291" />
            <source>Review saved: %1%.</source>
            <translation>质检已保存:%1%。</translation>
        </message>
    </context>
    <context>
        <name>QualityTab</name>
        <message>
            <location filename="../../ui/quality/quality_tab.py" line="38" />
            <source>Rev&amp;iews</source>
            <translation>质检(&amp;I)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_tab.py" line="41" />
            <source>My res&amp;ults</source>
            <translation>我的结果(&amp;U)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/quality_tab.py" line="47" />
            <source>T&amp;rends</source>
            <translation>趋势(&amp;R)</translation>
        </message>
    </context>
    <context>
        <name>Report</name>
        <message>
            <location filename="../../ui/core/text.py" line="305" />
            <source>Call log</source>
            <translation>来电记录</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="306" />
            <source>Complaint register</source>
            <translation>投诉意见登记表</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="307" />
            <source>Callback log</source>
            <translation>回访记录</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="308" />
            <source>Case report</source>
            <translation>工单处理记录</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="309" />
            <source>Handover report</source>
            <translation>交接班记录</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="310" />
            <source>KPI summary</source>
            <translation>服务质量指标汇总</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="311" />
            <source>Print registry</source>
            <translation>报表打印登记簿</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="312" />
            <source>Outage notification results</source>
            <translation>停气通知结果</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="313" />
            <source>Quality trends</source>
            <translation>质检趋势报告</translation>
        </message>
    </context>
    <context>
        <name>ReportsDialog</name>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="104" />
            <source>Reports</source>
            <translation>报表</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="119" />
            <source>Report</source>
            <translation>报表</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="133" />
            <source>Agent's job number</source>
            <translation>坐席工号</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="134" />
            <source>All agents</source>
            <translation>全部坐席</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="138" />
            <source>Your own calls</source>
            <translation>本人的来电</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="140" />
            <source>Case number</source>
            <translation>工单号</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="143" />
            <source>Handover record number</source>
            <translation>交接班记录号</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="145" />
            <source>Campaign number</source>
            <translation>通知任务号</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="147" />
            <source>&amp;Report</source>
            <translation>报表(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="152" />
            <source>&amp;Days</source>
            <translation>日期(&amp;D)</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="157" />
            <source>Shift</source>
            <translation>班次</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="158" />
            <source>Whole days</source>
            <translation>全天</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="161" />
            <source>Shi&amp;ft</source>
            <translation>班次(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="162" />
            <source>&amp;Agent</source>
            <translation>坐席(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="163" />
            <source>&amp;Case</source>
            <translation>工单(&amp;C)</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="164" />
            <source>&amp;Handover</source>
            <translation>交接班(&amp;H)</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="165" />
            <source>Ca&amp;mpaign</source>
            <translation>通知任务(&amp;M)</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="172" />
            <source>Pre&amp;view</source>
            <translation>预览(&amp;V)</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="174" />
            <source>&amp;Print…</source>
            <translation>打印(&amp;P)…</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="176" />
            <source>&amp;Save as PDF…</source>
            <translation>另存为 PDF(&amp;S)…</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="178" />
            <source>Cancel the job</source>
            <translation>取消任务</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="182" />
            <source>%v page(s)</source>
            <translation>%v 页</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="198" />
            <source>Print registry</source>
            <translation>报表打印登记簿</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="200" />
            <source>Reprint as a cop&amp;y…</source>
            <translation>补打副本(&amp;Y)…</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="210" />
            <source>Print registry (last 7 days)</source>
            <translation>报表打印登记簿(最近 7 天)</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="308" />
            <source>%1 page(s)</source>
            <translation>已排版 %1 页</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="316" />
            <source>Cancelled: nothing was printed or registered.</source>
            <translation>已取消:未打印,也未登记。</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="320" />
            <source>Another report is being printed or previewed in this console. Wait until it is finished, or cancel it in its window, then try again.</source>
            <translation>本机正在打印或预览另一份报表。请等它完成,或在它的窗口中取消,然后再试。</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="370" />
            <source>Save the report</source>
            <translation>保存报表</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="370" />
            <source>PDF (*.pdf)</source>
            <translation>PDF 文件 (*.pdf)</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="379" />
            <source>Saved as %1 · registry number %2</source>
            <translation>已保存为 %1 · 登记号 %2</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="429" />
            <source>Printed · registry number %1</source>
            <translation>已打印 · 登记号 %1</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="452" />
            <source> (copy of %1)</source>
            <translation>(%1 的副本)</translation>
        </message>
        <message>
            <location filename="../../ui/printing/reports_dialog.py" line="455" />
            <source> page(s)</source>
            <translation> 页</translation>
        </message>
    </context>
    <context>
        <name>ReviewListModel</name>
        <message>
            <location filename="../../ui/quality/review_list.py" line="41" />
            <source>Call at</source>
            <translation>通话时间</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_list.py" line="42" />
            <source>Job number</source>
            <translation>工号</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_list.py" line="43" />
            <source>Why</source>
            <translation>抽检原因</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_list.py" line="44" />
            <source>Automatic</source>
            <translation>自动评分</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_list.py" line="45" />
            <source>Review</source>
            <translation>质检评分</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_list.py" line="46" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_list.py" line="51" />
            <source>Acknowledged</source>
            <translation>已确认</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_list.py" line="53" />
            <source>Reply waiting for an answer</source>
            <translation>申诉待答复</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_list.py" line="55" />
            <source>Answered, to acknowledge</source>
            <translation>已答复,待确认</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_list.py" line="57" />
            <source>To acknowledge</source>
            <translation>待确认</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_list.py" line="59" />
            <source>Being reviewed by %1</source>
            <translation>工号 %1 质检中</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_list.py" line="60" />
            <source>Waiting for review</source>
            <translation>待质检</translation>
        </message>
    </context>
    <context>
        <name>ReviewPanel</name>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="97" />
            <source>The call</source>
            <translation>通话情况</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="101" />
            <source>Call timeline</source>
            <translation>通话时间线</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="109" />
            <source>Notes, taboo phrases marked</source>
            <translation>备注(已标出禁忌用语)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="122" />
            <source>Checklist</source>
            <translation>质检清单</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="127" />
            <source>Reviewer's comment</source>
            <translation>质检评语</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="128" />
            <source>What went well, what to improve</source>
            <translation>做得好的地方、需要改进的地方</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="132" />
            <source>C&amp;omment</source>
            <translation>评语(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="153" />
            <source>not yet reviewed</source>
            <translation>尚未质检</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="155" />
            <source>Job number %1 · call at %2 · %3 · review score %4</source>
            <translation>工号 %1 · 通话时间 %2 · %3 · 质检评分 %4</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="182" />
            <source>Rings: %1 · hold %2 s · talk %3 s · hung up by %4</source>
            <translation>振铃 %1 声 · 保持 %2 秒 · 通话 %3 秒 · %4先挂机</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="187" />
            <source>Verification: %1 · intent: %2</source>
            <translation>核实:%1 · 来电意图:%2</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="194" />
            <source>Case opened: %1 · %2 · %3</source>
            <translation>生成工单:%1 · %2 · %3</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="203" />
            <source>ring</source>
            <translation>振铃</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="204" />
            <source>answered</source>
            <translation>接听</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="205" />
            <source>hold</source>
            <translation>保持</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="206" />
            <source>resumed</source>
            <translation>恢复通话</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="207" />
            <source>hung up by</source>
            <translation>挂机:</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="208" />
            <source>wrap-up done</source>
            <translation>话后处理完成</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="209" />
            <source>said</source>
            <translation>已说</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="210" />
            <source>taboo hit</source>
            <translation>禁忌用语</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="211" />
            <source>surname</source>
            <translation>客户姓氏</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="212" />
            <source>verification</source>
            <translation>核实结果</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="218" />
            <source>the caller</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="220" />
            <source>the agent</source>
            <translation>坐席</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="221" />
            <source>the line (dropped)</source>
            <translation>线路断开,无人</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="232" />
            <source>(no notes)</source>
            <translation>(无备注)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="233" />
            <source>Notes:</source>
            <translation>备注:</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="238" />
            <source>No automatic score for this call.</source>
            <translation>这通电话没有自动评分。</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="249" />
            <source>Automatic score %1 (%2/%3)</source>
            <translation>自动评分 %1(%2/%3)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="273" />
            <source>Automatic: %1</source>
            <translation>自动评定:%1</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="288" />
            <source>Reviewed by %1 at %2</source>
            <translation>工号 %1 于 %2 质检</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="294" />
            <source>Reply (appeal):</source>
            <translation>坐席申诉:</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="297" />
            <source>Answer from %1:</source>
            <translation>工号 %1 答复:</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="302" />
            <source>Acknowledged at %1</source>
            <translation>坐席于 %1 确认</translation>
        </message>
        <message>
            <location filename="../../ui/quality/review_panel.py" line="314" />
            <source>Choose a call from the list.</source>
            <translation>请从列表中选择一通电话。</translation>
        </message>
    </context>
    <context>
        <name>ReviewVerdict</name>
        <message>
            <location filename="../../ui/core/text.py" line="332" />
            <source>Met</source>
            <translation>符合</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="333" />
            <source>Not met</source>
            <translation>不符合</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="334" />
            <source>Not applicable</source>
            <translation>不适用</translation>
        </message>
    </context>
    <context>
        <name>Role</name>
        <message>
            <location filename="../../ui/core/text.py" line="119" />
            <source>Agent</source>
            <translation>坐席员</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="120" />
            <source>Supervisor</source>
            <translation>值班经理</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="121" />
            <source>Administrator</source>
            <translation>管理员</translation>
        </message>
    </context>
    <context>
        <name>RollBackDialog</name>
        <message>
            <location filename="../../ui/content/content_editor.py" line="479" />
            <source>Roll back</source>
            <translation>回退版本</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="480" />
            <source>Put version %2 of %1 in force again? Every seat takes it in.</source>
            <translation>要让“%1”的第 %2 版重新生效吗?各坐席都将启用该版本。</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="483" />
            <source>The changes you have not saved in the editor will be lost.</source>
            <translation>编辑器中未保存的修改将丢失。</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="488" />
            <source>Why roll back</source>
            <translation>回退原因</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="489" />
            <source>Why (kept in the history)</source>
            <translation>原因(记入版本历史)</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="491" />
            <source>&amp;Why</source>
            <translation>原因(&amp;W)</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="494" />
            <source>&amp;Roll back</source>
            <translation>回退(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="497" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../ui/content/content_editor.py" line="516" />
            <source>Please say why (it is kept in the history).</source>
            <translation>请填写回退原因(记入版本历史)。</translation>
        </message>
    </context>
    <context>
        <name>SampleReason</name>
        <message>
            <location filename="../../ui/core/text.py" line="320" />
            <source>Drawn at random</source>
            <translation>随机抽检</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="321" />
            <source>Low score</source>
            <translation>评分偏低</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="322" />
            <source>Complaint</source>
            <translation>投诉</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="323" />
            <source>Taboo phrase</source>
            <translation>禁忌用语</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="324" />
            <source>Added by a supervisor</source>
            <translation>值班经理添加</translation>
        </message>
    </context>
    <context>
        <name>SeatsModel</name>
        <message>
            <location filename="../../ui/people/admin_people.py" line="177" />
            <source>Seat</source>
            <translation>坐席</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="178" />
            <source>Location</source>
            <translation>位置</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="179" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="180" />
            <source>Signed in</source>
            <translation>当前工号</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="199" />
            <source>In service</source>
            <translation>使用中</translation>
        </message>
        <message>
            <location filename="../../ui/people/admin_people.py" line="199" />
            <source>Out of service</source>
            <translation>已停用</translation>
        </message>
    </context>
    <context>
        <name>ShiftDesk</name>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="160" />
            <source>Pre-shift check (sign-in)</source>
            <translation>班前检查(签入)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="163" />
            <source>Sign &amp;in to the seat</source>
            <translation>签入坐席(&amp;I)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="186" />
            <source>Acknowledge &amp;with my login</source>
            <translation>以本人工号确认接班(&amp;W)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="189" />
            <source>&amp;Print…</source>
            <translation>打印(&amp;P)…</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="202" />
            <source>Draw &amp;up the handover</source>
            <translation>生成交接班记录(&amp;U)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="217" />
            <source>Ha&amp;nd over</source>
            <translation>提交交班(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="236" />
            <source>Notes for the ne&amp;xt shift</source>
            <translation>交班备注(&amp;X)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="302" />
            <source>If not: what is wrong</source>
            <translation>如有问题,请说明</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="303" />
            <source>Problem with %1</source>
            <translation>“%1”的问题</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="172" />
            <location filename="../../ui/shift/shift_desk.py" line="176" />
            <source>Handovers to acknowledge</source>
            <translation>待接班确认</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="181" />
            <source>Handover record</source>
            <translation>交接班记录</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="184" />
            <source>Acknowledgment note</source>
            <translation>接班备注</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="185" />
            <source>Optional: what you checked</source>
            <translation>可选:已核对的内容</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="200" />
            <source>My handover (end of shift)</source>
            <translation>我的交班(下班前)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="208" />
            <source>What the console compiled</source>
            <translation>系统汇总的内容</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="211" />
            <source>Handover notes</source>
            <translation>交班备注</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="213" />
            <source>What the next shift must know that the console cannot</source>
            <translation>系统无法汇总、下一班必须知道的事项</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="220" />
            <source>Sign &amp;out</source>
            <translation>签出(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="224" />
            <source>Print my handove&amp;r…</source>
            <translation>打印我的交班记录(&amp;R)…</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="234" />
            <source>Compiled by the console</source>
            <translation>系统汇总</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/shift/shift_desk.py" line="328" />
            <source>Signed in with %n problem(s): reported to the duty manager.</source>
            <translation>
                <numerusform>已签入,发现 %n 项问题:已报告值班经理。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="334" />
            <source>Signed in: everything checked. You are ready.</source>
            <translation>已签入:各项检查正常,状态为“就绪”。</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="352" />
            <source>No handover is waiting.</source>
            <translation>没有待确认的交接班记录。</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="365" />
            <source>Notes: %1</source>
            <translation>备注:%1</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="379" />
            <source>Handover of %1 acknowledged.</source>
            <translation>已确认接班(交班人工号 %1)。</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="404" />
            <source>Save t&amp;he notes</source>
            <translation>保存备注(&amp;H)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/shift_desk.py" line="406" />
            <source>Handed over at %1; waiting for the incoming agent.</source>
            <translation>已于 %1 交班,等待接班人确认。</translation>
        </message>
    </context>
    <context>
        <name>SoftphonePrefs</name>
        <message>
            <location filename="../../ui/app/prefs.py" line="41" />
            <source>Softphone</source>
            <translation>软电话</translation>
        </message>
        <message>
            <location filename="../../ui/app/prefs.py" line="44" />
            <source>empty: the call simulator</source>
            <translation>留空:使用来电模拟器</translation>
        </message>
        <message>
            <location filename="../../ui/app/prefs.py" line="46" />
            <source>host[:port]; empty: no registration</source>
            <translation>主机[:端口];留空:不注册</translation>
        </message>
        <message>
            <location filename="../../ui/app/prefs.py" line="50" />
            <source>&amp;Start baresip with the console</source>
            <translation>随控制台启动 baresip(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../ui/app/prefs.py" line="54" />
            <source>host[:port]; empty: the registrar</source>
            <translation>主机[:端口];留空:同注册服务器</translation>
        </message>
        <message>
            <location filename="../../ui/app/prefs.py" line="56" />
            <source>e.g. alsa,default; empty: no sound device</source>
            <translation>如 alsa,default;留空:不用声卡</translation>
        </message>
        <message>
            <location filename="../../ui/app/prefs.py" line="59" />
            <source>SIP &amp;account</source>
            <translation>SIP 账号(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../ui/app/prefs.py" line="60" />
            <source>&amp;Registrar</source>
            <translation>注册服务器(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/app/prefs.py" line="61" />
            <source>SIP a&amp;ddress</source>
            <translation>SIP 地址(&amp;D)</translation>
        </message>
        <message>
            <location filename="../../ui/app/prefs.py" line="62" />
            <source>SIP &amp;port</source>
            <translation>SIP 端口(&amp;P)</translation>
        </message>
        <message>
            <location filename="../../ui/app/prefs.py" line="63" />
            <source>&amp;Control port (127.0.0.1)</source>
            <translation>控制端口(&amp;C)(127.0.0.1)</translation>
        </message>
        <message>
            <location filename="../../ui/app/prefs.py" line="65" />
            <source>Dial &amp;numbers at</source>
            <translation>外呼号码发往(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../ui/app/prefs.py" line="66" />
            <source>A&amp;udio device</source>
            <translation>音频设备(&amp;U)</translation>
        </message>
        <message>
            <location filename="../../ui/app/prefs.py" line="69" />
            <source>The SIP password, if the registrar needs one, is kept in the system keyring (service agent-console-sip, user ACCOUNT@REGISTRAR). Changes take effect at the next sign-in.</source>
            <translation>如注册服务器需要 SIP 密码,密码保存在系统密钥环中(服务 agent-console-sip,用户 账号@注册服务器)。修改在下次登录时生效。</translation>
        </message>
    </context>
    <context>
        <name>SpecialGroupDialog</name>
        <message>
            <location filename="../../ui/cases/special_group_dialog.py" line="42" />
            <source>Register special-group customer</source>
            <translation>登记特殊群体客户</translation>
        </message>
        <message>
            <location filename="../../ui/cases/special_group_dialog.py" line="48" />
            <source>Group</source>
            <translation>群体</translation>
        </message>
        <message>
            <location filename="../../ui/cases/special_group_dialog.py" line="54" />
            <source>Reason</source>
            <translation>登记原因</translation>
        </message>
        <message>
            <location filename="../../ui/cases/special_group_dialog.py" line="55" />
            <source>What the caller said, e.g. 独居,行动不便</source>
            <translation>客户所述情况,例如:独居,行动不便</translation>
        </message>
        <message>
            <location filename="../../ui/cases/special_group_dialog.py" line="58" />
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../ui/cases/special_group_dialog.py" line="59" />
            <source>&amp;Group</source>
            <translation>群体(&amp;G)</translation>
        </message>
        <message>
            <location filename="../../ui/cases/special_group_dialog.py" line="60" />
            <source>&amp;Reason</source>
            <translation>登记原因(&amp;R)</translation>
        </message>
    </context>
    <context>
        <name>StatusLabel</name>
        <message>
            <location filename="../../ui/core/widgets.py" line="94" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
    </context>
    <context>
        <name>SupervisorBoard</name>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="167" />
            <source>Period</source>
            <translation>统计期间</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="169" />
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="170" />
            <source>This shift</source>
            <translation>本班次</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="171" />
            <source>Chosen dates</source>
            <translation>指定日期</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="182" />
            <source>&amp;Refresh</source>
            <translation>刷新(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="186" />
            <source>KPIs for</source>
            <translation>指标期间</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="203" />
            <source>Agents and their states</source>
            <translation>坐席及状态</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="206" />
            <source>Escalations</source>
            <translation>升级事项</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="211" />
            <source>Approvals waiting</source>
            <translation>待审批</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="215" />
            <location filename="../../ui/shift/supervisor_board.py" line="228" />
            <source>Delegation requests</source>
            <translation>代理工号申请</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="220" />
            <source>Your password</source>
            <translation>本人密码</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="221" />
            <source>Your password, to approve</source>
            <translation>输入本人密码以批准</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="233" />
            <location filename="../../ui/shift/supervisor_board.py" line="249" />
            <source>Case transfer requests</source>
            <translation>工单转交申请</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="237" />
            <source>Why declined</source>
            <translation>不同意的原因</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="238" />
            <source>Why declined (needed to decline)</source>
            <translation>不同意的原因(不同意时必填)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="139" />
            <source>Agents</source>
            <translation>坐席</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="144" />
            <source>Overdue and escalated</source>
            <translation>已超时 / 已升级</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="222" />
            <source>A&amp;pprove</source>
            <translation>批准(&amp;P)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="239" />
            <source>Tra&amp;nsfer</source>
            <translation>同意转交(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="242" />
            <source>Decl&amp;ine</source>
            <translation>不同意(&amp;I)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="323" />
            <source> (provisional)</source>
            <translation>(暂定)</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="324" />
            <source>escalated</source>
            <translation>已升级</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="324" />
            <source>overdue</source>
            <translation>已超时</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="332" />
            <source>%1 · quality review not acknowledged · %2 · score %3%</source>
            <translation>%1 · 质检结果逾期未确认 · 工号 %2 · 评分 %3%</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="341" />
            <source>%1 works as %2 until %3: %4</source>
            <translation>%1 代理工号 %2 至 %3:%4</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="350" />
            <source>%1 → %2 · %3 · %4: %5</source>
            <translation>%1 → %2 · %3 · %4:%5</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="359" />
            <source>Calls %1 · answered %2 · average handle time %3 min · callbacks done %4</source>
            <translation>来电 %1 · 接听 %2 · 平均处理时长 %3 分钟 · 完成回访 %4</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="371" />
            <source>Answered within 3 rings</source>
            <translation>3声内接听率</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="372" />
            <source>Solved within 3 minutes</source>
            <translation>3分钟内解决率</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="373" />
            <source>Complaint replies within 72 h</source>
            <translation>投诉72小时内答复率</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="375" />
            <source>Inquiry replies within 2 working days</source>
            <translation>咨询2个工作日内答复率</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="378" />
            <source>Satisfaction</source>
            <translation>回访满意率</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="379" />
            <source>Inquiry service rate</source>
            <translation>咨询服务率</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="380" />
            <source>Complaint reply rate</source>
            <translation>投诉回复率</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="421" />
            <source>Done.</source>
            <translation>已处理。</translation>
        </message>
        <message>
            <location filename="../../ui/shift/supervisor_board.py" line="437" />
            <source>Approved.</source>
            <translation>已批准。</translation>
        </message>
    </context>
    <context>
        <name>TabooHint</name>
        <message>
            <location filename="../../ui/calls/taboo_highlighter.py" line="141" />
            <source>Taboo phrase “{phrase}” ({clause}). Say instead: {suggestion}</source>
            <translation>禁忌用语“{phrase}”({clause})。建议改说:{suggestion}</translation>
        </message>
        <message>
            <location filename="../../ui/calls/taboo_highlighter.py" line="144" />
            <source>Jargon “{phrase}”: explain it in plain words. {suggestion}</source>
            <translation>专业术语“{phrase}”,请用通俗的话解释:{suggestion}</translation>
        </message>
    </context>
    <context>
        <name>Timeline</name>
        <message>
            <location filename="../../ui/core/text.py" line="236" />
            <source>Opened</source>
            <translation>受理</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="237" />
            <source>Dispatched</source>
            <translation>派单</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="238" />
            <source>Department acknowledged</source>
            <translation>承办部门已接单</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="241" />
            <source>Department progress</source>
            <translation>承办部门处理进展</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="242" />
            <source>Department done</source>
            <translation>承办部门已办结</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="243" />
            <source>Progress notice given</source>
            <translation>已告知客户处理进度</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="244" />
            <source>Caller called again</source>
            <translation>客户再次来电</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="245" />
            <source>Callback</source>
            <translation>回访</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="246" />
            <source>Manager review</source>
            <translation>经理复核</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="247" />
            <source>Closed</source>
            <translation>办结</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="248" />
            <source>Archived in the complaint register</source>
            <translation>归入投诉台账</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="251" />
            <source>Owner transferred</source>
            <translation>转移首问责任人</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="254" />
            <source>Transfer asked for (waits for a supervisor)</source>
            <translation>申请转交责任人(待值班经理审批)</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="257" />
            <source>Transfer declined</source>
            <translation>转交申请未获同意</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="260" />
            <source>Waiting on the customer: deadlines paused</source>
            <translation>等待客户:时限暂停</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="263" />
            <source>Customer back: deadlines running again</source>
            <translation>客户已回复:时限恢复计时</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="266" />
            <source>Deadline warning</source>
            <translation>时限预警</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="267" />
            <source>Overdue: escalated to the duty manager</source>
            <translation>超时:已升级至值班经理</translation>
        </message>
    </context>
    <context>
        <name>Title</name>
        <message>
            <location filename="../../ui/core/text.py" line="128" />
            <source>Mr</source>
            <translation>先生</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="129" />
            <source>Ms</source>
            <translation>女士</translation>
        </message>
    </context>
    <context>
        <name>TransferDialog</name>
        <message>
            <location filename="../../ui/calls/transfer_dialog.py" line="59" />
            <source>Transfer the call</source>
            <translation>转接来电</translation>
        </message>
        <message>
            <location filename="../../ui/calls/transfer_dialog.py" line="61" />
            <source>Say to the caller first:</source>
            <translation>先对客户说:</translation>
        </message>
        <message>
            <location filename="../../ui/calls/transfer_dialog.py" line="64" />
            <source>The line to say before the transfer</source>
            <translation>转接前要说的话</translation>
        </message>
        <message>
            <location filename="../../ui/calls/transfer_dialog.py" line="68" />
            <source>Ready seats</source>
            <translation>就绪的坐席</translation>
        </message>
        <message>
            <location filename="../../ui/calls/transfer_dialog.py" line="69" />
            <source>Looking for ready seats…</source>
            <translation>正在查找就绪的坐席…</translation>
        </message>
        <message>
            <location filename="../../ui/calls/transfer_dialog.py" line="72" />
            <source>Number to transfer to</source>
            <translation>转接号码</translation>
        </message>
        <message>
            <location filename="../../ui/calls/transfer_dialog.py" line="74" />
            <source>Or a number (instead of a seat)</source>
            <translation>或输入号码(代替坐席)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/transfer_dialog.py" line="76" />
            <source>&amp;Seat</source>
            <translation>坐席(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/transfer_dialog.py" line="76" />
            <source>N&amp;umber</source>
            <translation>号码(&amp;U)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/transfer_dialog.py" line="82" />
            <source>An extension or a telephone number</source>
            <translation>分机号或电话号码</translation>
        </message>
        <message>
            <location filename="../../ui/calls/transfer_dialog.py" line="85" />
            <source>&amp;Transfer</source>
            <translation>转接(&amp;T)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/transfer_dialog.py" line="88" />
            <source>&amp;Consult first</source>
            <translation>先咨询(&amp;C)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/transfer_dialog.py" line="91" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../ui/calls/transfer_dialog.py" line="119" />
            <source>No other seat is ready</source>
            <translation>没有其他就绪的坐席</translation>
        </message>
        <message>
            <location filename="../../ui/calls/transfer_dialog.py" line="138" />
            <source>Choose a ready seat or type a number.</source>
            <translation>请选择就绪的坐席,或输入号码。</translation>
        </message>
        <message>
            <location filename="../../ui/calls/transfer_dialog.py" line="141" />
            <source>Type the number to transfer to.</source>
            <translation>请输入要转接的号码。</translation>
        </message>
    </context>
    <context>
        <name>TrendsView</name>
        <message>
            <location filename="../../ui/quality/trends_view.py" line="54" />
            <source>Quality trends</source>
            <translation>质检趋势</translation>
        </message>
        <message>
            <location filename="../../ui/quality/trends_view.py" line="63" />
            <location filename="../../ui/quality/trends_view.py" line="64" />
            <source>Job number (empty: every agent)</source>
            <translation>工号(留空:全部坐席)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/trends_view.py" line="71" />
            <source> weeks</source>
            <translation> 周</translation>
        </message>
        <message>
            <location filename="../../ui/quality/trends_view.py" line="74" />
            <source>Clause</source>
            <translation>条款</translation>
        </message>
        <message>
            <location filename="../../ui/quality/trends_view.py" line="76" />
            <source>Sh&amp;ow</source>
            <translation>显示(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/trends_view.py" line="81" />
            <source>Cla&amp;use</source>
            <translation>条款(&amp;U)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/trends_view.py" line="79" />
            <source>&amp;Weeks</source>
            <translation>周数(&amp;W)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/trends_view.py" line="91" />
            <source>Average score (%)</source>
            <translation>平均得分(%)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/trends_view.py" line="92" />
            <source>Share of calls meeting the clause (%)</source>
            <translation>符合该条款的通话占比(%)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/trends_view.py" line="112" />
            <source>Automatic (every call)</source>
            <translation>自动评分(全部通话)</translation>
        </message>
        <message>
            <location filename="../../ui/quality/trends_view.py" line="113" />
            <source>Reviewed</source>
            <translation>质检评分</translation>
        </message>
    </context>
    <context>
        <name>Verification</name>
        <message>
            <location filename="../../ui/core/text.py" line="166" />
            <source>Verified</source>
            <translation>已核实</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="167" />
            <source>Partly verified</source>
            <translation>部分核实</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="168" />
            <source>Not verified</source>
            <translation>未核实</translation>
        </message>
        <message>
            <location filename="../../ui/core/text.py" line="169" />
            <source>New customer</source>
            <translation>新客户</translation>
        </message>
    </context>
    <context>
        <name>VerificationForm</name>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="102" />
            <source>(title)</source>
            <translation>(称谓)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="105" />
            <source>Title</source>
            <translation>称谓</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="91" />
            <source>Surname</source>
            <translation>姓氏</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="92" />
            <source>Full name</source>
            <translation>全名</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="93" />
            <source>Community</source>
            <translation>小区</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="94" />
            <source>Building</source>
            <translation>楼号</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="95" />
            <source>Unit</source>
            <translation>单元</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="96" />
            <source>Room</source>
            <translation>室号</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="97" />
            <source>Phone read back</source>
            <translation>复述电话</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="127" />
            <source>Check against &amp;record</source>
            <translation>与档案核对(&amp;R)</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="132" />
            <source>Verification outcome</source>
            <translation>核实结果</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="216" />
            <source>details do not match</source>
            <translation>信息与档案不符</translation>
        </message>
        <message>
            <location filename="../../ui/calls/call_forms.py" line="217" />
            <source>no record to check against</source>
            <translation>无档案可核对</translation>
        </message>
    </context>
    <context>
        <name>WallBoard</name>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="48" />
            <source>%1 min</source>
            <translation>%1 分钟</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="87" />
            <source>Customer service center — shift board</source>
            <translation>客服中心 · 交接班看板</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="94" />
            <source>Antai Gas customer service center · 8619612</source>
            <translation>安泰燃气客户服务中心 · 8619612</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="108" />
            <source>On shift</source>
            <translation>在岗坐席</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="109" />
            <source>Calls today</source>
            <translation>今日接听/来电</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="110" />
            <source>Not answered</source>
            <translation>未接来电</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="111" />
            <source>Due soon</source>
            <translation>即将到期</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="112" />
            <source>Overdue</source>
            <translation>已超时</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="113" />
            <source>Emergencies open</source>
            <translation>进行中的抢险</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="114" />
            <source>Outage notices</source>
            <translation>停气通知</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="115" />
            <source>Handovers to acknowledge</source>
            <translation>待接班确认</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="130" />
            <source>Agents on shift</source>
            <translation>在岗坐席</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="131" />
            <source>Due soon and overdue</source>
            <translation>即将到期与已超时</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="132" />
            <source>Emergencies and handovers</source>
            <translation>抢险与交接班</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="136" />
            <source>Agents</source>
            <translation>坐席</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="137" />
            <source>Deadlines</source>
            <translation>时限</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="138" />
            <source>Emergencies · handovers · equipment</source>
            <translation>抢险 · 交接班 · 设备</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="218" />
            <source>Outage %1: notified %2/%3, %4 door to door</source>
            <translation>停气 %1:已通知 %2/%3,需上门 %4 户</translation>
        </message>
        <message>
            <location filename="../../ui/shift/wall_board.py" line="227" />
            <source>Handover %1 %2 · %3 waits for acknowledgment</source>
            <translation>交班 %1 %2 · 工号 %3 待接班确认</translation>
        </message>
    </context>
</TS>