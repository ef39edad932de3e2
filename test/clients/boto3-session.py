"""A boto3 session across IAM, STS, EC2 and S3 against `lab mock`, as a Python user writes it.

Usage: python3 boto3-session.py ENDPOINT TAG
Admin credentials and region come from the standard AWS_* environment variables. Prints one
JSON object of what the services answered (never a secret); test/clients/boto3.test.ts judges
it. Errors are recorded by their AWS code, as ClientError carries it.
"""
import json
import sys

import boto3
from botocore.exceptions import ClientError

endpoint, tag = sys.argv[1], sys.argv[2]
seen = {"boto3": boto3.__version__}


def error_code(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


session = boto3.session.Session()
sts = session.client("sts", endpoint_url=endpoint)
iam = session.client("iam", endpoint_url=endpoint)
ec2 = session.client("ec2", endpoint_url=endpoint)
s3 = session.client("s3", endpoint_url=endpoint)

me = sts.get_caller_identity()
seen["caller"] = {"Arn": me["Arn"], "Account": me["Account"]}

# IAM: a user with a key, who signs its own requests; then removed.
user_name = f"boto3-{tag}"
seen["user_arn"] = iam.create_user(UserName=user_name, Tags=[{"Key": "by", "Value": "boto3"}])["User"]["Arn"]
key = iam.create_access_key(UserName=user_name)["AccessKey"]
seen["key_id_prefix"] = key["AccessKeyId"][:4]
as_user = boto3.session.Session(
    aws_access_key_id=key["AccessKeyId"],
    aws_secret_access_key=key["SecretAccessKey"],
    region_name=session.region_name,
)
seen["as_user_arn"] = as_user.client("sts", endpoint_url=endpoint).get_caller_identity()["Arn"]
seen["user_describe_instances"] = error_code(as_user.client("ec2", endpoint_url=endpoint).describe_instances)
seen["keys_listed"] = [k["AccessKeyId"] == key["AccessKeyId"] for k in iam.list_access_keys(UserName=user_name)["AccessKeyMetadata"]]
iam.delete_access_key(UserName=user_name, AccessKeyId=key["AccessKeyId"])
iam.delete_user(UserName=user_name)
seen["get_deleted_user"] = error_code(iam.get_user, UserName=user_name)

# EC2: the paginator walks every page the mock returns.
owners = set()
instances = 0
for page in ec2.get_paginator("describe_instances").paginate():
    for reservation in page["Reservations"]:
        owners.add(reservation["OwnerId"])
        instances += len(reservation["Instances"])
seen["ec2"] = {"owners": sorted(owners), "instances": instances}

# S3: a bucket, an object whose key needs encoding, list, read back, delete.
bucket = f"boto3-session-{tag}"
s3.create_bucket(Bucket=bucket)
obj_key = "notes/hello world+1.txt"
body = "héllo from boto3\n".encode("utf-8")
put = s3.put_object(Bucket=bucket, Key=obj_key, Body=body, ContentType="text/plain", Metadata={"lesson": "one"})
listed = s3.list_objects_v2(Bucket=bucket, Prefix="notes/")
got = s3.get_object(Bucket=bucket, Key=obj_key)
seen["s3"] = {
    "put_etag": put["ETag"],
    "listed": [{"Key": o["Key"], "Size": o["Size"], "ETag": o["ETag"]} for o in listed.get("Contents", [])],
    "key_count": listed["KeyCount"],
    "body": got["Body"].read().decode("utf-8"),
    "content_type": got["ContentType"],
    "metadata": got["Metadata"],
    "in_list_buckets": bucket in [b["Name"] for b in s3.list_buckets()["Buckets"]],
}
s3.delete_object(Bucket=bucket, Key=obj_key)
seen["s3"]["get_deleted_object"] = error_code(s3.get_object, Bucket=bucket, Key=obj_key)
s3.delete_bucket(Bucket=bucket)
seen["s3"]["after_delete_in_list_buckets"] = bucket in [b["Name"] for b in s3.list_buckets()["Buckets"]]
seen["s3"]["head_deleted_bucket"] = error_code(s3.head_bucket, Bucket=bucket)

print(json.dumps(seen))
