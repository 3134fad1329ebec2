"""project-runs: Guangdong's 部门预算项目支出及其他支出预算表 as pdftotext (without -layout) and
pdfminer.six print it — the project names wrapped over lines, each row's seven amounts one a line,
the 绩效目标 text between. The fixtures are real converted text of two Guangzhou reports, cut short
(the table's own note line `注：无。` put after the cut); every value below was checked by hand against
the PDF route's rows of the same report (/tmp/s/corpus_ref: city005_016, city005_017)."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract

# city005_016 (广州市政务服务和数据管理局), pdftotext: the table's first page and the next page's first rows
PDFTOTEXT = """\
部门预算项目支出及其他支出预算表
单位名称：广州市政务服务和数据管理局
支出项目类别（资金使用单
位）
合计
广州市政务服务和数据管理
局

单位：万元
财政拨款

总计

合计

一般公共预

政府性基金

国有资本经

算

预算

营预算

财政专 其他资
户拨款

金

86,246.64

86,246.64

86,246.64

0.00

0.00

0.00

0.00

16,926.32

16,926.32

16,926.32

0.00

0.00

0.00

0.00

绩效目标

通过 “穗智管” 运营服务项目的开展，实现多维度工
作目标的协同推进：在数据资源领域，汇聚更新数据量
广州市政务服务数据管
理局数字政府运营中心穗智

不低于10亿条，优化整合流程，提升数据汇聚效能，为
1,391.47

1,391.47

1,391.47

0.00

0.00

0.00

0.00 项目提供坚实支撑；在辅助决策方面，推进“穗智管”

管运营服务项目

数据资源目录定期更新、构建城市运行监测指标体系，
提升服务能力支撑决策；场地保障维度，通过健全制度
与应急预案，确保场地稳定、安全、高效运行。
通过实施2026年度广州12345热线平台运营项目，进一

广州12345政务服务便
民热线平台运营项目

12,000.00

12,000.00

12,000.00

0.00

0.00

0.00

0.00

步加强12345热线规范管理，完善工作机制，强化数字赋
能，提升服务效能，更好发挥窗口作用，更好解决群众
和企业的急难愁盼问题，更好助力提升政府治理水平。
完成2026年度约400个全市信息化项目的立项、备案、
验收工作，推广系统效能评估体系应用，新增400个系统

政务信息化项目管理经
费

365.50

365.50

365.50

0.00

0.00

0.00

0.00

效能评估，清理僵尸系统，促进系统整合,实现数据共
享；项目概算造价服务确保概算的精确度，为财政项目
库入库及预算安排提供合理依据；发布政务信息化项目
管理文件2份，加强全市信息化项目管理。

- 19 -

\f支出项目类别（资金使用单
位）

财政拨款
总计

合计

一般公共预

政府性基金

国有资本经

算

预算

营预算

财政专 其他资
户拨款

绩效目标

金

通过开展本项目，贯彻落实《广东省网上中介服务超市
管理办法》及实施细则要求，做好广州市网上中介服务
广州网上中介服务超市
日常运营项目

102.38

102.38

102.38

0.00

0.00

0.00

0.00

超市日常运营工作，提升我市网上中介服务超市服务效
能，促进项目业主、中介服务机构的增长，做到事项进
驻检查全覆盖，保持高水平的市场主体满意度，保证办
件及时性。
为贯彻落实广州市《关于加快建设“12218“现代化产
业体系的意见》和《数字广州建设总体规划》要求，各
委办局将基于广州市政务领域统一人工智能大模型平台

电子政务工作项目

30.11

30.11

30.11

0.00

0.00

0.00

0.00

提供的大模型、智能体搭建等工具，结合自身业务需求
搭建适合于本部门的应用落地。本项目将开展基础大模
型与智能体相关优化运营工作，并为各委办局智能体开
发提供专家指导服务，协助搭建不少于10个人工智能业
务场景。

注：无。
"""

# city005_016, pdfminer.six: the same rows (a blank line after every line, the projects' indent kept)
PDFMINER = """\
0.00

\f单位名称：广州市政务服务和数据管理局

部门预算项目支出及其他支出预算表

表12

单位：万元

支出项目类别（资金使用单

位）

合计

广州市政务服务和数据管理

局

　　广州市政务服务数据管

财政拨款

总计

合计

一般公共预

政府性基金

国有资本经

算

预算

营预算

财政专

其他资

户拨款

金

绩效目标

86,246.64

86,246.64

86,246.64

16,926.32

16,926.32

16,926.32

0.00

0.00

0.00

0.00

0.00

0.00

0.00

0.00

通过 “穗智管” 运营服务项目的开展，实现多维度工

作目标的协同推进：在数据资源领域，汇聚更新数据量

不低于10亿条，优化整合流程，提升数据汇聚效能，为

理局数字政府运营中心穗智

1,391.47

1,391.47

1,391.47

0.00

0.00

0.00

0.00

项目提供坚实支撑；在辅助决策方面，推进“穗智管”

管运营服务项目

　　广州12345政务服务便

民热线平台运营项目

12,000.00

12,000.00

12,000.00

0.00

0.00

0.00

0.00

　　政务信息化项目管理经

费

365.50

365.50

365.50

0.00

0.00

0.00

0.00

数据资源目录定期更新、构建城市运行监测指标体系，

提升服务能力支撑决策；场地保障维度，通过健全制度

与应急预案，确保场地稳定、安全、高效运行。

通过实施2026年度广州12345热线平台运营项目，进一

步加强12345热线规范管理，完善工作机制，强化数字赋

能，提升服务效能，更好发挥窗口作用，更好解决群众

和企业的急难愁盼问题，更好助力提升政府治理水平。

完成2026年度约400个全市信息化项目的立项、备案、

验收工作，推广系统效能评估体系应用，新增400个系统

效能评估，清理僵尸系统，促进系统整合,实现数据共

享；项目概算造价服务确保概算的精确度，为财政项目

库入库及预算安排提供合理依据；发布政务信息化项目

管理文件2份，加强全市信息化项目管理。

- 19 -

\f支出项目类别（资金使用单

位）

财政拨款

总计

合计

一般公共预

政府性基金

国有资本经

算

预算

营预算

财政专

其他资

户拨款

金

绩效目标

　　广州网上中介服务超市

日常运营项目

102.38

102.38

102.38

0.00

0.00

0.00

0.00

　　电子政务工作项目

30.11

30.11

30.11

0.00

0.00

0.00

0.00

通过开展本项目，贯彻落实《广东省网上中介服务超市

管理办法》及实施细则要求，做好广州市网上中介服务


注：无。
"""

# city005_017 (广州市水务局), pdftotext: one page of the table (its title line put above the page's header);
# two names printed one after the other before the first of their two runs
STACKED = """\
部门预算项目支出及其他支出预算表
\f支出项目类别（资金使用单
位）
梅州水库除险达标加
固——主坝灌浆工程
梅州水库年度三防经费

财政拨款
总计

合计

一般公共预

政府性基金

国有资本经

算

预算

营预算

财政专 其他资
户拨款

绩效目标

金

完成梅州水库除险达标加固工程的施工工作，消除梅州
6.00

6.00

0.00

6.00

0.00

0.00

0.00 水库存在的安全隐患，确保梅州水库正常安全运行，并
按照合同约定支付工程尾款，完成合同履约。

18.00

18.00

18.00

0.00

0.00

0.00

0.00

通过该项目的实施，完成本年度三防物资储备更新和应
急演练工作，保障中心水旱灾害防御顺利开展。
完成对1659人梅州水库移民村因耕地不足进行粮食差价
补贴，解决梅州水库移民村17条村小组移民群众因耕地

梅州水库移民粮差补贴

118.50

118.50

118.50

0.00

0.00

0.00

0.00

不足的问题，通过这个项目经费更好地维持水库移民的
思想稳定，按照协议要求每年7月底前将移民群众应得的
粮食差价补贴足额发放到每家每户，资金按时到位，群
众满意，无投诉的现象，达到保持社会和谐的发展。
完成对6名村委工作人员的工资补贴、弥补村委会办公

梅州水库-移民社会综
合治理费

13.50

13.50

13.50

0.00

0.00

0.00

0.00

经费不足、对困难党员补贴、征兵费、水利维修维护
等，保障了梅州村委会工作经费正常运转，协调和处理
移民村及周边村历史遗留问题及维稳工作。
通过开展其他运行经费项目，事务中心后勤及有关辅助

其他运行经费

35.00

35.00

35.00

0.00

0.00

0.00

0.00

性事务工作委托第三方机构实施，规范了事务中心的后
勤事务管理，加强了单位后勤服务保障能力，提高了单
位后勤保障服务水平。

农村供水改造工程现场
技术指导服务工作项目
广州市东江北干流流域
水环境巡查项目

107.24

107.24

107.24

0.00

0.00

0.00

0.00

通过开展农村供水改造工程现场技术指导服务，跟进农
村供水“三同五化”改造任务收尾相关工作。
通过开展责任范围内水环境监督检查，通过巡查发现问

66.26

66.26

66.26

0.00

0.00

0.00

0.00 题，促进相关单位完成整改，促进流域水环境长制久
清。

- 33 -

注：无。
"""

_ZEROS = ["0.00"] * 4


def _rows(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    tables = [t for t in extract(p, ner=False).tables if t.method == "project-runs"]
    assert len(tables) == 1
    return [(r.name.value, [str(f.value) for f in r.values.values() if isinstance(f.value, Decimal)],
             all(f.confidence >= 0.9 for f in r.values.values() if isinstance(f.value, Decimal)))
            for r in tables[0].rows]


def test_pdftotext_names_joined_and_runs_placed_by_sums(tmp_path):
    # the 合计 / unit rows (names printed above the header) are not read; the first project's name
    # stands apart from its amounts (a goal line between): read, its end joined from after the
    # amounts, under review; the rows whose names stand right before their amounts, confidently
    assert _rows(tmp_path, PDFTOTEXT) == [
        ("广州市政务服务数据管理局数字政府运营中心穗智管运营服务项目", ["1391.47"] * 3 + _ZEROS, False),
        ("广州12345政务服务便民热线平台运营项目", ["12000.00"] * 3 + _ZEROS, True),
        ("政务信息化项目管理经费", ["365.50"] * 3 + _ZEROS, True),
        ("广州网上中介服务超市日常运营项目", ["102.38"] * 3 + _ZEROS, True),
        ("电子政务工作项目", ["30.11"] * 3 + _ZEROS, True),
    ]


def test_pdfminer_names_open_with_the_indent(tmp_path):
    # `理局数字政府运营中心穗智` (no indent: the first line of its name was printed above the header)
    # is not read; the name's end `管运营服务项目` before the next indented name is no new row
    assert _rows(tmp_path, PDFMINER) == [
        ("广州12345政务服务便民热线平台运营项目", ["12000.00"] * 3 + _ZEROS, True),
        ("政务信息化项目管理经费", ["365.50"] * 3 + _ZEROS, True),
        ("广州网上中介服务超市日常运营项目", ["102.38"] * 3 + _ZEROS, True),
        ("电子政务工作项目", ["30.11"] * 3 + _ZEROS, True),
    ]


def test_two_names_printed_together_go_to_review(tmp_path):
    rows = _rows(tmp_path, STACKED)
    # 107.24 is 农村供水改造工程现场技术指导服务工作项目's (the PDF says so), not the second name's:
    # the block holds two names, the last is taken under review
    assert ("水环境巡查项目", ["107.24"] * 3 + _ZEROS, False) in rows
    # a one-line name as wide as the column may go on elsewhere: right, but under review
    assert ("梅州水库移民粮差补贴", ["118.50"] * 3 + _ZEROS, False) in rows
    assert ("梅州水库-移民社会综合治理费", ["13.50"] * 3 + _ZEROS, True) in rows
    assert ("其他运行经费", ["35.00"] * 3 + _ZEROS, True) in rows
    assert len(rows) == 4
