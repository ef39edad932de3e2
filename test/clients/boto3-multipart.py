"""Multipart upload with boto3 against `lab mock`, as a Python user writes it: the transfer
manager with its default TransferConfig (upload_file, download_fileobj), then the client
calls one by one (create, upload_part, list_parts, complete refused, abort).

Usage: python3 boto3-multipart.py ENDPOINT TAG FILE
Admin credentials and region come from the standard AWS_* environment variables. FILE is
uploaded as it is (the test wrote it and knows its bytes). Prints one JSON object of what S3
answered; test/clients/s3-multipart-cli.test.ts judges it. Errors are recorded by their AWS code.
"""
import hashlib
import io
import json
import sys

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

endpoint, tag, path = sys.argv[1], sys.argv[2], sys.argv[3]
s3 = boto3.session.Session().client("s3", endpoint_url=endpoint)


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


bucket = f"boto3-mpu-{tag}"
s3.create_bucket(Bucket=bucket)
seen = {}

# The transfer manager with its defaults: above the threshold the file goes up in parts of
# the chunk size (and, from botocore 1.36, with CRC32 checksums), and comes down by ranges.
config = TransferConfig()
s3.upload_file(path, bucket, "big.bin", Config=config)
head = s3.head_object(Bucket=bucket, Key="big.bin")
downloaded = io.BytesIO()
s3.download_fileobj(bucket, "big.bin", downloaded, Config=config)
seen["transfer"] = {
    "threshold": config.multipart_threshold,
    "chunk": config.multipart_chunksize,
    "etag": head["ETag"],
    "size": head["ContentLength"],
    "sha256": hashlib.sha256(downloaded.getvalue()).hexdigest(),
    "uploads_left": len(s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])),
}

# The client calls one by one. Two small parts: completing them is refused (the first is
# under 5 MiB), and the upload is aborted.
key = "by-hand.bin"
bodies = [b"1" * 1000, b"2" * 2000]
created = s3.create_multipart_upload(Bucket=bucket, Key=key, ContentType="text/plain")
upload_id = created["UploadId"]
etags = [
    s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=n, Body=body)["ETag"]
    for n, body in enumerate(bodies, 1)
]
listed = s3.list_parts(Bucket=bucket, Key=key, UploadId=upload_id)
uploads = s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
parts = [{"PartNumber": n, "ETag": etag} for n, etag in enumerate(etags, 1)]
ids = {"Bucket": bucket, "Key": key, "UploadId": upload_id}
seen["client"] = {
    "key": created["Key"],
    "upload_id_length": len(upload_id),
    "etags": etags,
    "parts": [{"PartNumber": p["PartNumber"], "Size": p["Size"], "ETag": p["ETag"]} for p in listed["Parts"]],
    "uploads": [[u["Key"], u["UploadId"] == upload_id] for u in uploads],
    "complete_small_parts": error_code(s3.complete_multipart_upload, MultipartUpload={"Parts": parts}, **ids),
    "abort_status": s3.abort_multipart_upload(**ids)["ResponseMetadata"]["HTTPStatusCode"],
    "list_parts_after_abort": error_code(s3.list_parts, **ids),
    "abort_again": error_code(s3.abort_multipart_upload, **ids),
}

print(json.dumps(seen))
