"""Prints a SAM template as CloudFormation receives it: after AWS SAM's transform.

Uses aws-sam-translator, the library `sam deploy` and cfn-lint use (pip install cfn-lint brings it).
Usage: AWS_DEFAULT_REGION=us-east-1 python3 sam_transform.py template.yaml > transformed.json
"""

import json
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicyNames:
    """Names of managed policies would be looked up in IAM: the template uses none (ARNs only)."""

    def load(self):
        return {}


with open(sys.argv[1], encoding="utf-8") as source:
    template = yaml_parse(source.read())
for resource in template["Resources"].values():
    if resource["Type"] == "AWS::Serverless::Function":
        # `sam deploy` uploads the local package and hands the transform its S3 location.
        resource["Properties"]["CodeUri"] = "s3://deployment-bucket/package.zip"
    elif resource["Type"] == "AWS::Serverless::LayerVersion":
        # The same for a layer's package (the fast-start layers, issue 17).
        resource["Properties"]["ContentUri"] = "s3://deployment-bucket/layer.zip"
json.dump(transform(template, {}, NoManagedPolicyNames()), sys.stdout, indent=1)
