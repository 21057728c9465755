"""Extracts rds-api-operations.json, events-api-operations.json and sns-api-operations.json from
the project's reference extract of the other services' models the console answers
(reference/console-models-extract.json, vendored beside this script: botocore's models, trimmed
to the operations below and the members the AWS CLI's examples show). The shapes are written in
backup-api-operations.json's form, each name prefixed with its service (`rds.`, `events.`,
`sns.`) so that the files share one namespace; a member whose shape the extract does not list (a
scalar) gets one of its type. SNS's operations come from botocore's whole SNS model
(reference/botocore/sns-2010-03-31-service-2.json, the same botocore release), since the console
answers more of them than the extract keeps (ConfirmSubscription, Get/SetTopicAttributes,
Unsubscribe, DeleteTopic). Run from the repository root:

    python3 crates/core/data/extract_console_services.py \
        crates/core/data/reference/console-models-extract.json
"""
import json
import os
import re
import sys

model = json.load(open(sys.argv[1]))
# The operations each service's file carries: those the console answers.
ANSWERED = {
    'rds': ['DescribeDBInstances'],
    'events': ['TestEventPattern', 'PutRule', 'PutTargets', 'ListRules', 'ListTargetsByRule',
               'DescribeRule', 'DeleteRule', 'RemoveTargets'],
    'sns': ['CreateTopic', 'Subscribe', 'ConfirmSubscription', 'Unsubscribe', 'ListTopics',
            'ListSubscriptionsByTopic', 'Publish', 'GetTopicAttributes', 'SetTopicAttributes',
            'DeleteTopic'],
}
# Where each service's model is read from: the extract, or botocore's own file beside it.
SNS_MODEL = os.path.join(os.path.dirname(sys.argv[1]), 'botocore', 'sns-2010-03-31-service-2.json')
SOURCES = {'sns': json.load(open(SNS_MODEL))}


def shape_name(spec):
    """An operation's input, output or error as botocore's files write it ({"shape": name}) or
    as the extract does (the name)."""
    return spec['shape'] if isinstance(spec, dict) else spec


def first_sentence(doc):
    doc = re.sub(r'\s+', ' ', re.sub(r'<[^>]+>', ' ', doc or '')).strip()
    match = re.match(r'(.+?\.)(\s|$)', doc)
    return (match.group(1) if match else doc)[:300]


def extract(prefix, service, names):
    shapes = service['shapes']
    out = {}

    def ref(spec):
        """The prefixed name of a member's (or a list member's) shape, written out if it is a
        scalar the extract does not list."""
        name = spec['shape'] if isinstance(spec, dict) else spec
        if name not in shapes and prefix + name not in out:
            kind = spec.get('type', 'string') if isinstance(spec, dict) else 'string'
            out[prefix + name] = {'type': {'float': 'double'}.get(kind, kind)}
        visit(name)
        return prefix + name

    def visit(name):
        if prefix + name in out or name not in shapes:
            return
        shape = shapes[name]
        entry = {'type': shape['type']}
        out[prefix + name] = entry
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
    for name in names:
        spec = service['operations'][name]
        operations[name] = {'input': prefix + shape_name(spec['input'])}
        visit(shape_name(spec['input']))
        # An operation with no output (DeleteRule) has no `output`: the CLI prints nothing.
        if spec.get('output'):
            operations[name]['output'] = prefix + shape_name(spec['output'])
            visit(shape_name(spec['output']))
        operations[name]['errors'] = [shape_name(e) for e in spec.get('errors', [])]
        operations[name]['doc'] = first_sentence(spec.get('documentation', ''))
    return operations, out


for name, answered in ANSWERED.items():
    source = SOURCES.get(name, model['services'][name])
    operations, out = extract(name + '.', source, answered)
    path = os.path.join(os.path.dirname(__file__), name + '-api-operations.json')
    origin = ('reference/botocore/sns-2010-03-31-service-2.json (botocore %s)'
              if name in SOURCES else
              'console-models-extract.json (botocore %s, %s, trimmed as its note says)')
    with open(path, 'w') as f:
        json.dump({
            '_source': 'Extracted by extract_console_services.py from ' + origin % (
                (model['source'].get('botocore_version', '?'),) if name in SOURCES else
                (model['source'].get('botocore_version', '?'), name)) + '.',
            'operations': operations,
            'shapes': dict(sorted(out.items())),
        }, f, indent=1)
    print(name, len(operations), 'operations,', len(out), 'shapes')
