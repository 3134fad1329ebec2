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
    out = []
    for r in tables[0].rows:
        sure = all(f.confidence >= 0.9 for f in r.values.values() if isinstance(f.value, Decimal))
        # a row in doubt is in doubt by its name: the name goes to review with its amounts
        assert (r.name.confidence >= 0.9) == sure, (r.name.value, r.name.confidence)
        assert sure or any("row name uncertain" in n for n in r.name.notes)
        out.append((r.name.value, [str(f.value) for f in r.values.values() if isinstance(f.value, Decimal)], sure))
    return out


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


# city005_016, pypdf: the same table, a name's last line and its amounts on one line (lines 385-406
# and 557-597 of the text: the title and the first row, then a page's turn); three rows print their
# amounts alone on a line, which would make a table of runs: the text is declined as a whole
PYPDF = """\
部门预算项目支出及其他支出预算表
支出项目类别（资金使用单
位） 总计
财政拨款
财政专
户拨款
其他资
金 绩效目标 合计 一般公共预 算 政府性基金 预算 国有资本经 营预算
合计 86,246.64 86,246.64 86,246.64 0.00 0.00 0.00 0.00
广州市政务服务和数据管理
局 16,926.32 16,926.32 16,926.32 0.00 0.00 0.00 0.00
　　广州市政务服务数据管
理局数字政府运营中心穗智
管运营服务项目
1,391.47 1,391.47 1,391.47 0.00 0.00 0.00 0.00
通过 “穗智管” 运营服务项目的开展，实现多维度工
作目标的协同推进：在数据资源领域，汇聚更新数据量
不低于10亿条，优化整合流程，提升数据汇聚效能，为
项目提供坚实支撑；在辅助决策方面，推进“穗智管”
数据资源目录定期更新、构建城市运行监测指标体系，
提升服务能力支撑决策；场地保障维度，通过健全制度
与应急预案，确保场地稳定、安全、高效运行。
　　广州移动政务服务平台
业务运营项目 178.73 178.73 178.73 0.00 0.00 0.00 0.00
通过广州移动政务服务平台（穗好办）的有序建设和科
学运营，持续提升平台服务供给能力，拓展服务渠道，
挖掘数据资产和品牌价值，加强平台用户黏性，打造政
府、企业、群众满意的互联网政务服务品牌。
　　广州市政务服务数据管
理局2023-2024年信息化运维
项目
57.58 57.58 57.58 0.00 0.00 0.00 0.00
保障广州市政务服务和数据管理局市政府门户网站、建
设于网站集约化平台的各区各部门网站、网上政务服务
应用系统安全、稳定运行，持续完善各系统的管理与运
行机制，提升内部与外部资源的整合能力，提升整体质
量与成效。为平稳、安全、高效地开展互联网政务服
务，实现“群众少跑路、数据多跑腿”的目标提供全面
保障。
- 23 -
支出项目类别（资金使用单
位） 总计
财政拨款
财政专
户拨款
其他资
金 绩效目标 合计 一般公共预 算 政府性基金 预算 国有资本经 营预算
　　广州市政务服务和数据
管理局2025年一网通办能力
提升项目
281.15 281.15 281.15 0.00 0.00 0.00 0.00
1.提升广州市“一网通办”服务支撑能力，进一步拓展
政务服务应用范围和覆盖范围，提升政务服务公共服务
能力，同时提升广州市政务服务标准化、规范化、便利
化方面水平。2.用数字化手段提升便民利民水平，塑造
“互联网+政务服务”广州模式。推行政务事项集成化办
理，推广“免申即享”、“一件事”等服务方式。提升
广州市政务服务标准化、规范化、便利化方面水平，实
现广州“一网通办”。
　　广州市政务服务和数据
管理局2023年统一政务区块
链基础平台及跨链应用项目
18.85 18.85 18.85 0.00 0.00 0.00 0.00
注：无。
"""


def test_rows_on_a_line_are_left_to_other_readers(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text(PYPDF, encoding="utf-8")
    assert not [t for t in extract(p, ner=False).tables if t.method == "project-runs"]


# city077_087 (珠海市商务局), pdftotext: the table's first page (lines 2114-2402 of the text). Eight
# runs print no name by them; the page's end prints their names together, 16 lines that split into
# 8 names in one way only (`价审计等运营和管理费用`, 22 wide, is no full line: the column holds 24)
PAGE_END = """\
表12

部门预算项目支出及其他支出预算表
单位名称：珠海市商务局
支出项目类别（资金使用单
位）

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

合计

58,788.54

58,786.90

58,689.10

97.80

0.00

0.00

1.64

珠海市商务局

58,446.21

58,444.57

58,346.77

97.80

0.00

0.00

1.64

0.84

0.00

0.00

0.00

0.00

0.00

0.84

0.80

0.00

0.00

0.00

0.00

0.00

0.80

6,905.22

6,905.22

6,905.22

0.00

0.00

0.00

0.00

口岸维修经费

57.52

57.52

57.52

0.00

0.00

0.00

0.00

查验配套服务费

450.00

450.00

450.00

0.00

0.00

0.00

0.00

560.33

560.33

560.33

0.00

0.00

0.00

0.00

港口口岸安检服务费

206.44

206.44

206.44

0.00

0.00

0.00

0.00

港口口岸物业管理费

253.00

253.00

253.00

0.00

0.00

0.00

0.00

20.20

20.20

20.20

0.00

0.00

0.00

0.00

2.52

2.52

2.52

0.00

0.00

0.00

0.00

党建经费

17.25

17.25

17.25

0.00

0.00

0.00

0.00

帮扶工作经费

5.00

5.00

5.00

0.00

0.00

0.00

0.00

35.76

35.76

35.76

0.00

0.00

0.00

0.00

51.93

51.93

51.93

0.00

0.00

0.00

0.00

市特色会展产业链党委
党建工作经费
东西部协作资金-2025
年
口岸现场水电费

珠澳跨境工业区专用口
岸日常工作经费

口岸日常水电耗材、清
洁、现场设备购置、绩效评
价审计等运营和管理费用
离退休干部党组织书记
工作补贴

跨境电商公共服务平台
运维费
珠海市电子口岸单一窗
口营运经费

- 20 -

注：无。
"""

_PAGE_END_ROWS = [  # checked by hand against the PDF route's rows (/tmp/s/corpus_ref/city077_087)
    ("市特色会展产业链党委党建工作经费", ["0.84", "0.00", "0.00", "0.00", "0.00", "0.00", "0.84"]),
    ("东西部协作资金-2025年", ["0.80", "0.00", "0.00", "0.00", "0.00", "0.00", "0.80"]),
    ("口岸现场水电费", ["6905.22"] * 3 + _ZEROS),
    ("珠澳跨境工业区专用口岸日常工作经费", ["560.33"] * 3 + _ZEROS),
    ("口岸日常水电耗材、清洁、现场设备购置、绩效评价审计等运营和管理费用", ["20.20"] * 3 + _ZEROS),
    ("离退休干部党组织书记工作补贴", ["2.52"] * 3 + _ZEROS),
    ("跨境电商公共服务平台运维费", ["35.76"] * 3 + _ZEROS),
    ("珠海市电子口岸单一窗口营运经费", ["51.93"] * 3 + _ZEROS),
]


def test_names_printed_at_the_page_end_are_paired_in_order_under_review(tmp_path):
    rows = _rows(tmp_path, PAGE_END)
    for name, amounts in _PAGE_END_ROWS:
        assert (name, amounts, False) in rows  # right, but the pairing rests on order: under review
    # the rows whose names stand right before their amounts stay confident
    assert ("口岸维修经费", ["57.52"] * 3 + _ZEROS, True) in rows
    assert ("帮扶工作经费", ["5.00"] * 3 + _ZEROS, True) in rows
    assert len(rows) == 16  # with 合计 and the unit's row


def test_names_at_the_page_end_not_as_many_as_the_runs_are_not_paired(tmp_path):
    # the last nameless run cut out: 7 runs, 8 names: no pairing, the 7 runs stay unread
    text = PAGE_END.replace("51.93\n\n51.93\n\n51.93\n\n0.00\n\n0.00\n\n0.00\n\n0.00\n\n", "")
    assert text != PAGE_END
    names = [name for name, _, _ in _rows(tmp_path, text)]
    assert not any(name in names for name, _ in _PAGE_END_ROWS)
