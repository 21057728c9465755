"""Extracts backup-api-shapes.json from the AWS Backup API model (shared/reference's
backup-model-extract.json, itself from botocore): the shapes reachable from the plan and
selection requests and responses, their client-side constraints, and the first sentence of
each member's documentation. Run from the repository root:

    python3 crates/core/data/extract_api_shapes.py ../shared/reference/backup-model-extract.json
"""
import json
import os
import re
import sys

model = json.load(open(sys.argv[1]))
shapes, constrained, enums = model['shapes'], model['constrained_shapes'], model['enums']
roots = ['CreateBackupPlanInput', 'GetBackupPlanOutput', 'CreateBackupSelectionInput',
         'BackupSelection', 'BackupPlanInput', 'BackupPlan']
out = {}


def first_sentence(doc):
    doc = re.sub(r'\s+', ' ', re.sub(r'<[^>]+>', '', doc or '')).strip()
    match = re.match(r'(.+?\.)(\s|$)', doc)
    return (match.group(1) if match else doc)[:300]


def visit(name):
    if name in out:
        return
    shape = shapes.get(name) or constrained.get(name)
    if shape is None:
        raise SystemExit('missing shape ' + name)
    kind = shape['type']
    entry = {'type': kind}
    for key in ('pattern', 'min', 'max', 'enum'):
        if key in shape:
            entry[key] = shape[key]
        elif key in constrained.get(name, {}):
            entry[key] = constrained[name][key]
    if name in enums and 'enum' not in entry:
        entry['enum'] = enums[name] if isinstance(enums[name], list) else enums[name].get('values')
    out[name] = entry
    if kind == 'structure':
        entry['required'] = shape.get('required', [])
        entry['members'] = {}
        for member, spec in shape['members'].items():
            m = {'shape': spec['shape']}
            doc = first_sentence(spec.get('documentation', ''))
            if doc:
                m['doc'] = doc
            entry['members'][member] = m
            visit(spec['shape'])
    elif kind == 'list':
        entry['member'] = shape['member']
        visit(shape['member'])
    elif kind == 'map':
        entry['key'], entry['value'] = shape['key'], shape['value']
        visit(shape['key'])
        visit(shape['value'])


for root in roots:
    visit(root)
document = {
    '_source': 'Extracted from shared/reference/backup-model-extract.json (botocore %s, AWS Backup '
               'API 2018-11-15): the shapes reachable from CreateBackupPlanInput, '
               'GetBackupPlanOutput and CreateBackupSelectionInput, with their client-side '
               "constraints and the first sentence of each member's documentation."
               % model['_source']['version'],
    'shapes': dict(sorted(out.items())),
}
with open(os.path.join(os.path.dirname(__file__), 'backup-api-shapes.json'), 'w') as f:
    json.dump(document, f, indent=1)
print(len(out), 'shapes')
