"""Writes expected.json: what the AWS CLI's own formatters print for each response of
responses.json, with `--output table` (80 columns, as when standard output is not a terminal)
and `--output text`. The console's formatters are tested against it (crates/core/src/console).

    python3 -m venv /tmp/awscli && /tmp/awscli/bin/pip install awscli==1.46.3
    /tmp/awscli/bin/python crates/core/tests/data/cli-output/generate.py

awscli 1.46.3 is v1; v2 shares its table and text formatters (awscli/table.py, awscli/text.py).
"""
import io
import json
import os

import awscli
from awscli.formatter import TableFormatter, TextFormatter

HERE = os.path.dirname(os.path.abspath(__file__))


class Args:
    """What the formatters read of the parsed command line."""
    color = 'off'
    query = None
    paginate = False


def table(operation, response):
    stream = io.StringIO()
    formatter = TableFormatter(Args())
    formatter.table._terminal_width = 80
    formatter(operation, response, stream)
    return stream.getvalue()


def text(operation, response):
    stream = io.StringIO()
    TextFormatter(Args())(operation, response, stream)
    return stream.getvalue()


cases = json.load(open(os.path.join(HERE, 'responses.json')))
expected = {
    '_source': 'awscli %s, TableFormatter and TextFormatter, by generate.py' % awscli.__version__,
    'cases': {
        case['name']: {
            'table': table(case['operation'], case['response']),
            'text': text(case['operation'], case['response']),
        }
        for case in cases
    },
}
with open(os.path.join(HERE, 'expected.json'), 'w') as f:
    json.dump(expected, f, indent=1, ensure_ascii=False)
    f.write('\n')
