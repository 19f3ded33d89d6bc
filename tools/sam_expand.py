"""Expands template.yaml with the SAM translator, as CloudFormation does before deploying it.

Usage: sam_expand.py TEMPLATE [Name=Value ...]  (parameters; the template's defaults for the rest)
Prints the expanded template as JSON. No AWS call is made: the loader of AWS managed policies
answers an empty map, so a template naming a managed policy by name fails here instead of
reaching IAM.
"""

import json
import os
import sys

import yaml
from samtranslator.translator.transform import transform


class NoManagedPolicies:
    """The template names no managed policy by name; SAM asks only when one is named."""

    def load(self):
        return {}


def package(template):
    """What 'sam package' does first: a local CodeUri becomes the S3 object it uploads."""
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties", {})
        code = properties.get("CodeUri")
        if isinstance(code, str) and not code.startswith("s3://"):
            properties["CodeUri"] = "s3://packaging-bucket/" + os.path.basename(code)


def main(argv):
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    with open(argv[1], encoding="utf-8") as f:
        template = yaml.safe_load(f)
    parameters = {
        name: str(spec["Default"])
        for name, spec in template.get("Parameters", {}).items()
        if "Default" in spec
    }
    for pair in argv[2:]:
        name, _, value = pair.partition("=")
        parameters[name] = value
    parameters.update(
        {
            "AWS::Region": os.environ["AWS_DEFAULT_REGION"],
            "AWS::Partition": "aws",
            "AWS::AccountId": "123456789012",
            "AWS::StackName": "ddns",
        }
    )
    package(template)
    expanded = transform(template, parameters, NoManagedPolicies())
    json.dump(expanded, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
