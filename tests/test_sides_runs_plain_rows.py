"""A two-sided 财政拨款收支总体情况表 in plain pdftotext (no -layout), printed row by row — each
label by its amount, the left amount glued before the right label (`0.00 二、外交支出`) — where one
row's amount is printed elsewhere (八、社会保障和就业支出 stands right before 九、…, its 2,366.15 after
本年收入合计): sides-runs, which reads pdfminer's box-by-box print, must not take the rows in turn,
which would shift every later amount up a row while the side's sum still holds. Real text (Zhuhai's
2026 budget, the unit's name replaced)."""
from __future__ import annotations

from decimal import Decimal

from extractor import extract

TEXT = """财政拨款收支总体情况表
单位名称：某某局
单位：万元
收入
项目
一、一般公共预算
支出
预算
项目
46,402.33 一、一般公共服务支出
预算
41,350.29
二、政府性基金预算
0.00 二、外交支出
0.00
三、国有资本经营预算
0.00 三、国防支出
0.00
四、公共安全支出
0.00
五、教育支出
0.00
六、科学技术支出
0.00
七、文化旅游体育与传媒支出
0.00
八、社会保障和就业支出
九、卫生健康支出
185.89
十、节能环保支出
0.00
十一、城乡社区支出
0.00
十二、农林水支出
0.00
十三、交通运输支出
0.00
十四、资源勘探工业信息等支出
0.00
十五、商业服务业等支出
本年收入合计
2,366.15
2,500.00
十六、金融支出
0.00
十七、援助其他地区支出
0.00
十八、自然资源海洋气象等支出
0.00
十九、住房保障支出
0.00
二十、粮油物资储备支出
0.00
二十一、国有资本经营预算支出
0.00
二十二、灾害防治及应急管理支出
0.00
二十三、其他支出
0.00
46,402.33
-9-
本年支出合计
46,402.33
收入
项目
支出
预算
项目
二十四、结转下年
收入总计
46,402.33
注：表中功能分类科目，根据部门实际预算编制情况编列。
- 10 -
支出总计
预算
0.00
46,402.33

"""

# the rows' amounts as the PDF prints them (pdftotext -layout)
TRUE = {"社会保障和就业支出": Decimal("2366.15"), "卫生健康支出": Decimal("185.89"),
        "资源勘探工业信息等支出": Decimal("97.80")}


def test_a_row_whose_amount_is_printed_elsewhere_shifts_no_confident_amount(tmp_path):
    p = tmp_path / "fiscal.txt"
    p.write_text(TEXT, encoding="utf-8")
    r = extract(p, ner=False)
    confident = [(row.name.value, f.value) for t in r.tables for row in t.rows for f in row.values.values()
                 if row.name.value in TRUE and f.value is not None and f.confidence >= 0.9]
    assert all(TRUE[name] == value for name, value in confident)
