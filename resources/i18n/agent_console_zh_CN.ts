<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgentState</name>
    <message>
        <location filename="../../ui/text.py" line="34"/>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="36"/>
        <source>Not ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="38"/>
        <source>On call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="40"/>
        <source>Wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="42"/>
        <source>Break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="44"/>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../ui/widgets.py" line="54"/>
        <source>Notice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/password.py" line="55"/>
        <location filename="../../ui/password.py" line="58"/>
        <location filename="../../ui/password.py" line="102"/>
        <source>Change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="66"/>
        <source>You signed in with a temporary password. Choose your own password before you start work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="72"/>
        <source>Job number %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="77"/>
        <source>Current password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="78"/>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="79"/>
        <source>Repeat new password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="80"/>
        <source>At least 8 characters, and at least 4 different ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="88"/>
        <source>C&amp;urrent password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="89"/>
        <source>&amp;New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="90"/>
        <source>&amp;Repeat new password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="106"/>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="106"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="143"/>
        <source>Enter your current password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="146"/>
        <source>Enter a new password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/password.py" line="150"/>
        <source>Changing the password…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <location filename="../../ui/app.py" line="100"/>
        <source>Connecting to the database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="116"/>
        <source>Upgrading the database schema (%1 → %2)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="121"/>
        <source>The database schema is up to date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="140"/>
        <source>Cannot open the database</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndSessionDialog</name>
    <message>
        <location filename="../../ui/supervisor.py" line="48"/>
        <source>End a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="52"/>
        <source>Session number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="55"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="56"/>
        <source>Recorded in the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="60"/>
        <source>&amp;Session number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="61"/>
        <source>&amp;Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="68"/>
        <source>End session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="70"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="86"/>
        <source>Please give a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="97"/>
        <source>There is no open session with that number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <location filename="../../ui/lock.py" line="40"/>
        <location filename="../../ui/lock.py" line="45"/>
        <source>Console locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="54"/>
        <location filename="../../ui/lock.py" line="55"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="60"/>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="64"/>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="120"/>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="125"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="64"/>
        <source>Agent Console — Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="67"/>
        <source>Agent Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="70"/>
        <source>Tai&apos;an Antai Gas Co., Ltd. · Customer service hotline %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="80"/>
        <source>e.g. 1001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="81"/>
        <source>Job number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="86"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="89"/>
        <location filename="../../ui/login.py" line="102"/>
        <source>Seat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="96"/>
        <source>&amp;Job number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="98"/>
        <source>&amp;Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="107"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="110"/>
        <location filename="../../ui/login.py" line="113"/>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="115"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="115"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="141"/>
        <source>Sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="175"/>
        <source>Enter your job number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="178"/>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="184"/>
        <source>Connecting to the database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="189"/>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="85"/>
        <location filename="../../ui/main_window.py" line="648"/>
        <source>Agent Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="126"/>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="129"/>
        <source>End this session and return to the login screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="133"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="136"/>
        <source>&amp;Lock screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="139"/>
        <source>Hide the window until your password is entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="143"/>
        <source>Change &amp;password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="159"/>
        <source>&amp;End a session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="161"/>
        <source>End another seat&apos;s session (supervisors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="165"/>
        <source>Sign &amp;in again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="176"/>
        <source>&amp;About Agent Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="180"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184"/>
        <source>&amp;Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191"/>
        <source>&amp;Supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="193"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194"/>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="197"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201"/>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="236"/>
        <source>Tai&apos;an Antai Gas Co., Ltd. · Customer service center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="238"/>
        <source>Service hotline %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="242"/>
        <source>Set your state to Ready when you are ready to take calls. Calls, work orders and customer records will appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="248"/>
        <source>&amp;Quick note (not saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="251"/>
        <source>Quick note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="253"/>
        <source>Jot down a caller&apos;s number or an account number while you talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="258"/>
        <source>Keyboard: Ctrl+1 Ready · Ctrl+2 Not ready · Ctrl+3 Break · Ctrl+L Lock screen · Ctrl+Shift+Q Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="294"/>
        <source>Signed-in agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295"/>
        <source>Seat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="296"/>
        <source>Agent state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="297"/>
        <source>Database connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="307"/>
        <source>Hello, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309"/>
        <source>Job number %1 · Seat %2 · %3 · Signed in at %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="316"/>
        <source>Job number %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318"/>
        <source>Seat %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="319"/>
        <source>Session ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="320"/>
        <source>State: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="329"/>
        <source>● Database connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="329"/>
        <source>● Database connection lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="399"/>
        <source>Signing out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="444"/>
        <source>State changed to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="502"/>
        <source>Database connection lost, retrying… What you type is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="503"/>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="512"/>
        <source>Database connection restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="519"/>
        <source>Sign in again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="548"/>
        <source>Signed in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="569"/>
        <source>Job number %1 %2 · Seat %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="607"/>
        <source>Password changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="619"/>
        <source>Session %1 ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="634"/>
        <source>The new language takes effect the next time the console starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="641"/>
        <source>Agent Console
Customer service center of Tai&apos;an Antai Gas Co., Ltd.
Service hotline %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="644"/>
        <source>About Agent Console</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageLabel</name>
    <message>
        <location filename="../../ui/widgets.py" line="20"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../ui/text.py" line="50"/>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="52"/>
        <source>Supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="54"/>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
