"""Writes yaml-expected.json: what AWS CLI v2's YAML dumper prints for each response of
yaml-cases.json, with `--output yaml` and `--output yaml-stream` (one page). The console's
YAML formatter is tested against it (crates/core/src/console/yaml.rs).

    python3 -m venv /tmp/ruamel
    /tmp/ruamel/bin/pip install ruamel.yaml==0.19.1 ruamel.yaml.clib==0.2.15
    /tmp/ruamel/bin/python crates/core/tests/data/cli-output/generate_yaml.py

Those are the versions the CLI's installers bundle (aws-cli v2 branch,
requirements/download-deps/portable-exe-lock.txt); with ruamel.yaml.clib installed,
YAML(typ='safe') emits through the C (libyaml) emitter, as the CLI does. The dumper below is
the CLI's YAMLDumper and the two formatters' handling of `{}` (awscli/formatter.py, v2).
"""
import io
import json
import os

import ruamel.yaml
from ruamel.yaml import YAML

HERE = os.path.dirname(os.path.abspath(__file__))


def dumper():
    yaml = YAML(typ='safe')
    yaml.encoding = None
    yaml.representer.default_flow_style = False
    assert 'CEmitter' in yaml.Emitter.__name__, 'ruamel.yaml.clib is not installed'
    return yaml


def dump(value):
    """YAMLDumper.dump: a JSON scalar as JSON, anything else as YAML."""
    stream = io.StringIO()
    if value is None or isinstance(value, (int, float, bool, str)):
        json.dump(value, stream, ensure_ascii=False)
        stream.write('\n')
    else:
        dumper().dump(value, stream)
    return stream.getvalue()


def yaml_output(response):
    """YAMLFormatter: nothing for {}."""
    return '' if response == {} else dump(response)


def yaml_stream_output(page):
    """StreamedYAMLFormatter: each page as a one-item list; nothing for {}."""
    return '' if page == {} else dump([page])


cases = json.load(open(os.path.join(HERE, 'yaml-cases.json'), encoding='utf-8'))
expected = {
    '_source': 'ruamel.yaml %s with its C emitter, as AWS CLI v2 dumps YAML, by generate_yaml.py'
               % ruamel.yaml.__version__,
    'cases': {
        case['name']: {
            'yaml': yaml_output(case['response']),
            'yaml-stream': yaml_stream_output(case['response']),
        }
        for case in cases
    },
}
with open(os.path.join(HERE, 'yaml-expected.json'), 'w', encoding='utf-8') as f:
    json.dump(expected, f, indent=1, ensure_ascii=False)
    f.write('\n')
