"""extractor: Chinese public-finance disclosure reports (部门决算, 部门预算, 绩效自评) to validated JSON.

    from extractor import extract
    report = extract("report.txt")
    print(report.model_dump_json())
"""
from .datamodel.errors import ExtractionError
from .datamodel import Report, json_schema
from .pipeline import Options, extract

__all__ = ["extract", "Options", "Report", "ExtractionError", "json_schema"]
__version__ = "0.1.0"
