"""Converts the CloudFormation resource schemas of AWS::Backup (the cfn-lint copies in
data/reference/cfn-lint) into cloudformation-shapes.json, in the shape format of
backup-api-shapes.json. Run from the repository root:

    python3 crates/core/data/convert_cfn_schemas.py crates/core/data/reference/cfn-lint

JSON Schema keywords the checks do not use (insertionOrder, uniqueItems, format, maxItems, if)
are dropped.
"""
import glob
import json
import os
import sys

source = sys.argv[1]
out = {}


def convert(schema, name, defs, resource):
    if '$ref' in schema:
        full = f"{resource}.{schema['$ref'].split('/')[-1]}"
        if full not in out:
            out[full] = None  # a placeholder against cycles
            convert_into(defs[schema['$ref'].split('/')[-1]], full, defs, resource)
        return full
    convert_into(schema, name, defs, resource)
    return name


def convert_into(schema, name, defs, resource):
    t = schema.get('type')
    if isinstance(t, list):
        out[name] = {'type': 'json'}
        return
    if t == 'object' or 'properties' in schema or 'patternProperties' in schema:
        if 'patternProperties' in schema and not schema.get('properties'):
            (pattern, value), = schema['patternProperties'].items()
            out[name + '.Key'] = {'type': 'string', 'pattern': pattern}
            out[name] = {'type': 'map', 'key': name + '.Key',
                         'value': convert(value, name + '.Value', defs, resource)}
            return
        if 'properties' not in schema:
            out[name] = {'type': 'json'}
            return
        members = {k: {'shape': convert(v, f'{name}.{k}', defs, resource)}
                   for k, v in schema['properties'].items()}
        out[name] = {'type': 'structure', 'required': schema.get('required', []), 'members': members}
        return
    if t == 'array':
        out[name] = {'type': 'list', 'member': convert(schema['items'], name + '.Item', defs, resource)}
        return
    if t == 'string':
        shape = {'type': 'string'}
        for key, ours in [('pattern', 'pattern'), ('minLength', 'min'), ('maxLength', 'max'),
                          ('enum', 'enum'), ('enumCaseInsensitive', 'enum_case_insensitive')]:
            if key in schema:
                shape[ours] = schema[key]
        out[name] = shape
        return
    if t in ('number', 'integer'):
        out[name] = {'type': 'cfn-number', 'integer': t == 'integer'}
        return
    if t == 'boolean':
        out[name] = {'type': 'cfn-boolean'}
        return
    raise SystemExit(f'{name}: cannot convert {schema}')


for path in sorted(glob.glob(os.path.join(source, 'AWS_Backup_*.json'))):
    schema = json.load(open(path))
    resource = schema['typeName']
    defs = schema.get('definitions', {})
    read_only = [p.split('/')[-1] for p in schema.get('readOnlyProperties', [])]
    members = {}
    for key, value in schema['properties'].items():
        members[key] = {'shape': convert(value, f'{resource}.{key}', defs, resource)}
        if key in read_only:
            members[key]['read_only'] = True
    out[resource] = {'type': 'structure', 'required': schema.get('required', []), 'members': members}

document = {
    '_source': 'Converted by convert_cfn_schemas.py from the CloudFormation resource provider '
               'schemas shipped in cfn-lint 1.58.0 (data/reference/cfn-lint/AWS_Backup_*.json). '
               'cfn-number and cfn-boolean accept what CloudFormation converts (numbers and '
               'booleans written as strings); json is an object or a JSON string.',
    'shapes': dict(sorted(out.items())),
}
with open(os.path.join(os.path.dirname(__file__), 'cloudformation-shapes.json'), 'w') as f:
    json.dump(document, f, indent=1)
    f.write('\n')
print(len(out), 'shapes')
