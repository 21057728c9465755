"""Writes expected.json: what the AWS CLI's own formatters print for each response of
responses.json, with `--output table` (80 columns, as when standard output is not a terminal)
and `--output text`; and shorthand.json: what its shorthand parser and the model's coercion make
of each value of shorthand-cases.json (or the error they raise). The console is tested against
both (crates/core/src/console).

    python3 -m venv /tmp/awscli && /tmp/awscli/bin/pip install awscli==1.46.3 botocore
    /tmp/awscli/bin/python crates/core/tests/data/cli-output/generate.py

awscli 1.46.3 is v1; v2 shares its table and text formatters (awscli/table.py, awscli/text.py).
"""
import io
import json
import os

import awscli
import botocore.session
from awscli import shorthand
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


backup = botocore.session.get_session().get_service_model('backup')


def read_shorthand(case):
    shape = backup.operation_model(case['operation']).input_shape.members[case['member']]
    try:
        parsed = shorthand.ShorthandParser().parse(case['value'])
        shorthand.BackCompatVisitor().visit(parsed, shape)
        return dict(case, parsed=parsed)
    except shorthand.ShorthandParseError as e:
        return dict(case, error=str(e))


with open(os.path.join(HERE, 'shorthand.json'), 'w') as f:
    json.dump({
        '_source': 'awscli %s ShorthandParser and BackCompatVisitor, botocore %s model, '
                   'by generate.py' % (awscli.__version__, botocore.__version__),
        'cases': [read_shorthand(c)
                  for c in json.load(open(os.path.join(HERE, 'shorthand-cases.json')))],
    }, f, indent=1, ensure_ascii=False)
    f.write('\n')
