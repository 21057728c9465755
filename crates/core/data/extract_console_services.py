"""Extracts rds-api-operations.json from the project's reference extract of the other services'
models the console answers (reference/console-models-extract.json, vendored beside this script: botocore's rds model, trimmed to
DescribeDBInstances and the members the AWS CLI's examples show). The shapes are written in
backup-api-operations.json's form, each name prefixed with `rds.` so that both files share one
namespace; a member whose shape the extract does not list (a scalar) gets one of its type. Run
from the repository root:

    python3 crates/core/data/extract_console_services.py \
        crates/core/data/reference/console-models-extract.json
"""
import json
import os
import re
import sys

model = json.load(open(sys.argv[1]))
service = model['services']['rds']
shapes = service['shapes']
out = {}


def first_sentence(doc):
    doc = re.sub(r'\s+', ' ', re.sub(r'<[^>]+>', ' ', doc or '')).strip()
    match = re.match(r'(.+?\.)(\s|$)', doc)
    return (match.group(1) if match else doc)[:300]


def ref(spec):
    """The prefixed name of a member's (or a list member's) shape, written out if it is a
    scalar the extract does not list."""
    name = spec['shape'] if isinstance(spec, dict) else spec
    if name not in shapes and 'rds.' + name not in out:
        kind = spec.get('type', 'string') if isinstance(spec, dict) else 'string'
        out['rds.' + name] = {'type': {'float': 'double'}.get(kind, kind)}
    visit(name)
    return 'rds.' + name


def visit(name):
    if 'rds.' + name in out or name not in shapes:
        return
    shape = shapes[name]
    entry = {'type': shape['type']}
    out['rds.' + name] = entry
    if shape['type'] == 'structure':
        entry['required'] = shape.get('required', [])
        entry['members'] = {}
        for member, spec in shape['members'].items():
            m = {'shape': ref(spec)}
            doc = first_sentence(spec.get('documentation', ''))
            if doc:
                m['doc'] = doc
            entry['members'][member] = m
    elif shape['type'] == 'list':
        entry['member'] = ref(shape['member'])
    elif shape['type'] == 'map':
        entry['key'], entry['value'] = ref(shape['key']), ref(shape['value'])


operations = {}
for name, spec in service['operations'].items():
    operations[name] = {
        'input': 'rds.' + spec['input'],
        'output': 'rds.' + spec['output'],
        'errors': spec.get('errors', []),
        'doc': first_sentence(spec.get('documentation', '')),
    }
    visit(spec['input'])
    visit(spec['output'])
with open(os.path.join(os.path.dirname(__file__), 'rds-api-operations.json'), 'w') as f:
    json.dump({
        '_source': 'Extracted by extract_console_services.py from console-models-extract.json '
                   '(botocore %s, rds, trimmed as its note says).' % model['source'].get(
                       'botocore_version', '?'),
        'operations': operations,
        'shapes': dict(sorted(out.items())),
    }, f, indent=1)
print(len(operations), 'operations,', len(out), 'shapes')
