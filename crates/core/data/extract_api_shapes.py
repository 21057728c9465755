"""Extracts backup-api-shapes.json and backup-api-operations.json from the AWS Backup API model: botocore 1.44.8's
botocore/data/backup/2018-11-15/service-2.json.gz (the `botocore` package on PyPI, or
https://github.com/boto/botocore at tag 1.44.8): the operations the console reads (their input
and output shape names, errors and the first sentence of their documentation), the shapes
reachable from their inputs and from the plan and selection requests and responses, their
client-side constraints, and the first sentence of each member's documentation. The model is not vendored (400 KB for 57 shapes); the project's
reference extract of it (backup-model-extract.json, which has the version in its `_source`)
gives the same output. Run from the repository root:

    pip download botocore==1.44.8 --no-deps -d /tmp/botocore
    unzip -o /tmp/botocore/botocore-1.44.8-py3-none-any.whl \
        'botocore/data/backup/2018-11-15/service-2.json.gz' -d /tmp/botocore
    python3 crates/core/data/extract_api_shapes.py \
        /tmp/botocore/botocore/data/backup/2018-11-15/service-2.json.gz 1.44.8
"""
import gzip
import html
import json
import os
import re
import sys

path = sys.argv[1]
model = json.load(gzip.open(path) if path.endswith('.gz') else open(path))
# botocore's service-2.json has every shape in `shapes`; the reference extract splits out the
# constrained ones and the enums.
shapes = model['shapes']
constrained, enums = model.get('constrained_shapes', {}), model.get('enums', {})
version = model['_source']['version'] if '_source' in model else sys.argv[2]
roots = ['CreateBackupPlanInput', 'GetBackupPlanOutput', 'CreateBackupSelectionInput',
         'BackupSelection', 'BackupPlanInput', 'BackupPlan']
# The operations the console reads: those of AWS Backup that vaultsim's guide, scenarios and
# lessons touch (the reference extract's `focus_operations`).
OPERATIONS = [
    'CancelLegalHold', 'CreateBackupPlan', 'CreateBackupSelection', 'CreateBackupVault',
    'CreateFramework', 'CreateLegalHold', 'CreateLogicallyAirGappedBackupVault',
    'CreateRestoreTestingPlan', 'CreateRestoreTestingSelection', 'DeleteBackupPlan',
    'DeleteBackupSelection', 'DeleteBackupVault', 'DeleteBackupVaultAccessPolicy',
    'DeleteBackupVaultLockConfiguration', 'DeleteBackupVaultNotifications', 'DeleteRecoveryPoint',
    'DeleteRestoreTestingPlan', 'DeleteRestoreTestingSelection',
    'DescribeBackupJob', 'DescribeBackupVault', 'DescribeCopyJob', 'DescribeFramework',
    'DescribeGlobalSettings', 'DescribeProtectedResource', 'DescribeRecoveryPoint',
    'DescribeRegionSettings', 'DescribeRestoreJob', 'DisassociateRecoveryPoint',
    'DisassociateRecoveryPointFromParent', 'ExportBackupPlanTemplate', 'GetBackupPlan',
    'GetBackupPlanFromJSON', 'GetBackupSelection', 'GetBackupVaultAccessPolicy',
    'GetBackupVaultNotifications', 'GetLegalHold', 'GetRecoveryPointRestoreMetadata',
    'GetRestoreTestingInferredMetadata', 'GetRestoreTestingPlan', 'GetRestoreTestingSelection',
    'GetSupportedResourceTypes', 'ListBackupJobSummaries',
    'ListBackupJobs', 'ListBackupPlanVersions', 'ListBackupPlans', 'ListBackupSelections',
    'ListBackupVaults', 'ListCopyJobs', 'ListFrameworks', 'ListLegalHolds',
    'ListProtectedResources', 'ListRecoveryPointsByBackupVault', 'ListRecoveryPointsByLegalHold',
    'ListRecoveryPointsByResource', 'ListRestoreJobs', 'ListRestoreJobsByProtectedResource',
    'ListRestoreTestingPlans', 'ListRestoreTestingSelections', 'ListTags',
    'PutBackupVaultAccessPolicy', 'PutBackupVaultLockConfiguration', 'PutBackupVaultNotifications',
    'PutRestoreValidationResult', 'StartBackupJob',
    'StartCopyJob', 'StartRestoreJob', 'StopBackupJob', 'TagResource', 'UntagResource',
    'UpdateBackupPlan', 'UpdateFramework', 'UpdateGlobalSettings', 'UpdateRecoveryPointLifecycle',
    'UpdateRegionSettings', 'UpdateRestoreTestingPlan', 'UpdateRestoreTestingSelection',
]
all_operations = {**model.get('operations', {}), **model.get('focus_operations', {}),
                  **model.get('other_operations', {})}
out = {}


def first_sentence(doc):
    doc = html.unescape(re.sub(r'\s+', ' ', re.sub(r'<[^>]+>', ' ', doc or '')).strip())
    match = re.match(r'(.+?\.)(\s|$)', doc)
    return (match.group(1) if match else doc)[:300]


def name_of(ref):
    """A member's shape name: botocore writes {'shape': name}, the extract the name."""
    return ref['shape'] if isinstance(ref, dict) else ref


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
        entry['member'] = name_of(shape['member'])
        visit(entry['member'])
    elif kind == 'map':
        entry['key'], entry['value'] = name_of(shape['key']), name_of(shape['value'])
        visit(entry['key'])
        visit(entry['value'])


operations = {}
for name in OPERATIONS:
    spec = all_operations[name]
    entry = {}
    for key in ('input', 'output'):
        if key in spec:
            entry[key] = name_of(spec[key])
    entry['errors'] = [name_of(e) for e in spec.get('errors', [])]
    doc = first_sentence(spec.get('documentation', ''))
    if doc:
        entry['doc'] = doc
    operations[name] = entry

# Two files: the plan checker's shapes, which the page always loads, and the console's
# operations with the further shapes their inputs and outputs reach, which only the console reads (so that
# a build without the console carries none of it).
for root in roots:
    visit(root)
plan_shapes = dict(out)
for entry in operations.values():
    for key in ('input', 'output'):
        if key in entry:
            visit(entry[key])
console_shapes = {k: v for k, v in out.items() if k not in plan_shapes}

here = os.path.dirname(__file__)
source = ('Extracted by extract_api_shapes.py from botocore %s '
          '(botocore/data/backup/2018-11-15/service-2.json.gz, AWS Backup API 2018-11-15): '
          % version)
with open(os.path.join(here, 'backup-api-shapes.json'), 'w') as f:
    json.dump({
        '_source': source + 'the shapes reachable from CreateBackupPlanInput, '
                   'GetBackupPlanOutput and CreateBackupSelectionInput, with their client-side '
                   "constraints and the first sentence of each member's documentation.",
        'shapes': dict(sorted(plan_shapes.items())),
    }, f, indent=1)
with open(os.path.join(here, 'backup-api-operations.json'), 'w') as f:
    json.dump({
        '_source': source + 'the operations the console reads (input and output shape names, '
                   'errors, the first sentence of the documentation), and the shapes their '
                   'inputs and outputs reach that backup-api-shapes.json does not have.',
        'operations': operations,
        'shapes': dict(sorted(console_shapes.items())),
    }, f, indent=1)
print(len(plan_shapes), 'plan shapes;', len(operations), 'operations,', len(console_shapes),
      'more shapes')
