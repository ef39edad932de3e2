// S3 multipart upload through the real SDK client: CreateMultipartUpload, UploadPart,
// ListParts, CompleteMultipartUpload (the joined object, its multipart ETag, COMPOSITE CRC32,
// and every refusal) and AbortMultipartUpload. ListMultipartUploads and the IAM actions of each
// operation: s3-multipart-access.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { rejectsWith } from './helpers.js';
import {
  BIG,
  BUCKET,
  bytes,
  complete,
  crc32,
  create,
  hasCrc32,
  INVALID_PART,
  listParts,
  md5,
  mpu,
  multipartEtag,
  NO_UPLOAD,
  read,
  SMALL,
  started,
  upload,
  useMultipartMock,
} from './s3-multipart-fixture.js';

useMultipartMock();

describe('CreateMultipartUpload and UploadPart', () => {
  it('returns the bucket, key and a 64-character upload id, new for every upload', async () => {
    const out = await mpu.s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'dir/new.bin' }));
    assert.deepEqual([out.Bucket, out.Key], [BUCKET, 'dir/new.bin']);
    // Never a leading "-", which the AWS CLI would read as an option.
    assert.match(out.UploadId ?? '', /^[A-Za-z0-9][A-Za-z0-9_-]{63}$/);
    assert.notEqual(await create('dir/new.bin'), out.UploadId);
  });

  it('answers the checksum algorithm and type: COMPOSITE by default, FULL_OBJECT when asked and for CRC64NVME', async () => {
    const kinds = [
      [{ ChecksumAlgorithm: 'CRC32' }, 'CRC32', 'COMPOSITE'],
      [{ ChecksumAlgorithm: 'SHA256' }, 'SHA256', 'COMPOSITE'],
      [{ ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' }, 'CRC32', 'FULL_OBJECT'],
      [{ ChecksumAlgorithm: 'CRC64NVME' }, 'CRC64NVME', 'FULL_OBJECT'],
    ] as const;
    for (const [input, algorithm, type] of kinds) {
      const out = await mpu.s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'sums', ...input }));
      assert.deepEqual([out.ChecksumAlgorithm, out.ChecksumType], [algorithm, type], JSON.stringify(input));
    }
  });

  it('refuses part numbers outside 1..10000 with InvalidArgument', async () => {
    const UploadId = await create('numbers');
    for (const PartNumber of [0, 10001, -1, 'two' as unknown as number]) {
      const message = 'Part number must be an integer between 1 and 10000, inclusive';
      await rejectsWith(upload({ Key: 'numbers', UploadId, PartNumber, Body: 'x' }), 'InvalidArgument', { status: 400, message });
    }
    // The bounds themselves are parts.
    for (const PartNumber of [1, 10000]) await upload({ Key: 'numbers', UploadId, PartNumber, Body: 'x' });
  });

  it("answers NoSuchUpload for an unknown upload id and for another key's upload id", async () => {
    const UploadId = await create('mine');
    for (const [Key, id] of [['mine', 'A'.repeat(64)], ['theirs', UploadId]]) {
      await rejectsWith(upload({ Key, UploadId: id, PartNumber: 1, Body: 'x' }), 'NoSuchUpload', { status: 404, message: NO_UPLOAD });
    }
  });

  it("answers the part's quoted MD5 and verifies and echoes its checksum", async () => {
    const UploadId = await create('etag', { ChecksumAlgorithm: 'CRC32' });
    const out = await upload({ Key: 'etag', UploadId, PartNumber: 1, Body: SMALL, ChecksumAlgorithm: 'CRC32' });
    assert.equal(out.ETag, `"${md5(SMALL).toString('hex')}"`);
    if (hasCrc32) assert.equal(out.ChecksumCRC32, crc32(SMALL).toString('base64'));
    await rejectsWith(upload({ Key: 'etag', UploadId, PartNumber: 2, Body: SMALL, ChecksumCRC32: 'AAAAAA==' }), 'BadDigest', { status: 400 });
    // The refused part was not stored.
    assert.deepEqual((await listParts({ Key: 'etag', UploadId })).Parts?.map((p) => p.PartNumber), [1]);
  });
});

describe('ListParts', () => {
  it('lists parts in part-number order, a re-uploaded part replacing the first', async () => {
    const UploadId = await create('listed');
    for (const [PartNumber, Body] of [[3, 'three'], [1, 'one'], [2, 'two'], [3, 'three again']] as const) await upload({ Key: 'listed', UploadId, PartNumber, Body });
    const out = await listParts({ Key: 'listed', UploadId });
    assert.deepEqual([out.Bucket, out.Key, out.UploadId], [BUCKET, 'listed', UploadId]);
    const expected = ['one', 'two', 'three again'].map((s, i) => ({ PartNumber: i + 1, Size: s.length, ETag: `"${md5(Buffer.from(s)).toString('hex')}"` }));
    assert.deepEqual(out.Parts?.map(({ PartNumber, Size, ETag }) => ({ PartNumber, Size, ETag })), expected);
    assert.ok(out.Parts!.every((p) => p.LastModified instanceof Date));
    assert.deepEqual([out.MaxParts, out.IsTruncated, out.StorageClass], [1000, false, 'STANDARD']);
    assert.ok(out.Initiator?.ID && out.Owner?.ID, 'Initiator and Owner are given');
  });

  it('pages with MaxParts and PartNumberMarker', async () => {
    const UploadId = await create('paged');
    for (const PartNumber of [1, 2, 5]) await upload({ Key: 'paged', UploadId, PartNumber, Body: 'p' });
    const first = await listParts({ Key: 'paged', UploadId, MaxParts: 2 });
    assert.deepEqual(first.Parts?.map((p) => p.PartNumber), [1, 2]);
    assert.deepEqual([first.MaxParts, first.IsTruncated, first.NextPartNumberMarker], [2, true, '2']);
    const rest = await listParts({ Key: 'paged', UploadId, MaxParts: 2, PartNumberMarker: first.NextPartNumberMarker });
    assert.deepEqual(rest.Parts?.map((p) => p.PartNumber), [5]);
    assert.deepEqual([rest.PartNumberMarker, rest.IsTruncated], ['2', false]);
  });
});

describe('CompleteMultipartUpload', () => {
  it("joins the listed parts into the object, with the multipart ETag and the create call's type and metadata", async () => {
    const stored = { ContentType: 'application/x-test', Metadata: { lesson: 'mpu' }, CacheControl: 'max-age=60' };
    const { UploadId, parts } = await started('joined.bin', [BIG, SMALL], stored);
    const out = await complete('joined.bin', UploadId, parts);
    assert.deepEqual([out.Bucket, out.Key, out.ETag], [BUCKET, 'joined.bin', multipartEtag([BIG, SMALL])]);
    assert.ok(out.Location?.endsWith(`/${BUCKET}/joined.bin`), out.Location);
    assert.ok((await read('joined.bin')).equals(Buffer.concat([BIG, SMALL])), 'the bytes are the parts in order');
    const got = await mpu.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'joined.bin' }));
    assert.deepEqual(
      [got.ContentLength, got.ETag, got.ContentType, got.Metadata, got.CacheControl],
      [BIG.length + SMALL.length, out.ETag, stored.ContentType, stored.Metadata, stored.CacheControl],
    );
    // The upload is gone, and the object deletes as any other.
    await rejectsWith(listParts({ Key: 'joined.bin', UploadId }), 'NoSuchUpload', { status: 404 });
    await mpu.s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'joined.bin' }));
    await rejectsWith(mpu.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'joined.bin' })), 'NoSuchKey', { status: 404 });
  });

  it('discards parts uploaded but not listed, and accepts ETags without quotes', async () => {
    const third = bytes(300, 3);
    const { UploadId, parts } = await started('subset', [BIG, SMALL, third]);
    const out = await complete('subset', UploadId, [parts[0]!, { PartNumber: 3, ETag: parts[2]!.ETag!.replaceAll('"', '') }]);
    assert.equal(out.ETag, multipartEtag([BIG, third]));
    assert.ok((await read('subset')).equals(Buffer.concat([BIG, third])));
  });

  it('refuses a part list without parts, or a part without number or ETag, with MalformedXML', async () => {
    const { UploadId, parts } = await started('malformed', [SMALL]);
    for (const Parts of [[], [{ ETag: parts[0]!.ETag }], [{ PartNumber: 1 }]]) {
      await rejectsWith(complete('malformed', UploadId, Parts), 'MalformedXML', { status: 400 });
    }
  });

  it('refuses parts out of order, missing or mismatched, and keeps the upload', async () => {
    const { UploadId, parts } = await started('refused', [BIG, SMALL]);
    const [one, two] = parts as [CompletedPart, CompletedPart];
    const order = 'The list of parts was not in ascending order. The parts list must be specified in order by part number.';
    for (const list of [[two, one], [one, one]]) await rejectsWith(complete('refused', UploadId, list), 'InvalidPartOrder', { status: 400, message: order });
    for (const list of [[one, { PartNumber: 3, ETag: two.ETag }], [one, { PartNumber: 2, ETag: `"${'0'.repeat(32)}"` }]]) await rejectsWith(complete('refused', UploadId, list), 'InvalidPart', { status: 400, message: INVALID_PART });
    assert.equal((await complete('refused', UploadId, parts)).ETag, multipartEtag([BIG, SMALL]));
  });

  it('refuses a part smaller than 5 MiB unless it is the last', async () => {
    const { UploadId, parts } = await started('tiny', [SMALL, SMALL]);
    const message = 'Your proposed upload is smaller than the minimum allowed size';
    await rejectsWith(complete('tiny', UploadId, parts), 'EntityTooSmall', { status: 400, message });
    assert.equal((await complete('tiny', UploadId, [parts[1]!])).ETag, multipartEtag([SMALL]));
  });

  it('answers a COMPOSITE CRC32 over the part checksums', async () => {
    const { UploadId, parts } = await started('composite', [BIG, SMALL], { ChecksumAlgorithm: 'CRC32' });
    if (hasCrc32) assert.deepEqual(parts.map((p) => p.ChecksumCRC32), [BIG, SMALL].map((b) => crc32(b).toString('base64')));
    const wrong = [parts[0]!, { ...parts[1]!, ChecksumCRC32: 'AAAAAA==' }];
    await rejectsWith(complete('composite', UploadId, wrong), 'InvalidPart', { status: 400, message: INVALID_PART });
    const out = await complete('composite', UploadId, parts);
    assert.equal(out.ChecksumType, 'COMPOSITE');
    if (hasCrc32) assert.equal(out.ChecksumCRC32, `${crc32(Buffer.concat([crc32(BIG), crc32(SMALL)])).toString('base64')}-2`);
  });

  it('checks a COMPOSITE checksum sent with Complete, with or without its part count', { skip: !hasCrc32 }, async () => {
    const { UploadId, parts } = await started('composite-sent', [BIG, SMALL], { ChecksumAlgorithm: 'CRC32' });
    const combined = crc32(Buffer.concat([crc32(BIG), crc32(SMALL)])).toString('base64');
    const sent = (ChecksumCRC32: string) =>
      mpu.s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'composite-sent', UploadId, ChecksumCRC32, MultipartUpload: { Parts: parts } }));
    const message = 'The CRC32 you specified did not match the calculated checksum.';
    await rejectsWith(sent(`${crc32(BIG).toString('base64')}-2`), 'BadDigest', { status: 400, message });
    await rejectsWith(sent(`${combined}-3`), 'BadDigest', { status: 400, message });
    assert.equal((await sent(combined)).ChecksumCRC32, `${combined}-2`);
    const again = await started('composite-sent', [BIG, SMALL], { ChecksumAlgorithm: 'CRC32' });
    const out = await mpu.s3.send(
      new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'composite-sent', UploadId: again.UploadId, ChecksumCRC32: `${combined}-2`, MultipartUpload: { Parts: again.parts } }),
    );
    assert.equal(out.ChecksumCRC32, `${combined}-2`);
  });

  it('refuses to complete a COMPOSITE upload unless every listed part carries its checksum', async () => {
    // S3's answer as clients met it (aws/aws-sdk-php#2648 for sha1, apache/opendal#4580 for crc32c).
    const { UploadId, parts } = await started('composite-missing', [BIG, SMALL], { ChecksumAlgorithm: 'CRC32' });
    const message = (n: number) =>
      `The upload was created using a crc32 checksum. The complete request must include the checksum for each part. It was missing for part ${n} in the request.`;
    const bare = parts.map(({ ChecksumCRC32: _, ...rest }) => rest);
    await rejectsWith(complete('composite-missing', UploadId, bare), 'InvalidRequest', { status: 400, message: message(1) });
    await rejectsWith(complete('composite-missing', UploadId, [parts[0]!, bare[1]!]), 'InvalidRequest', { status: 400, message: message(2) });
    // The refusals left the upload as it was: complete with the checksums still works.
    assert.equal((await complete('composite-missing', UploadId, parts)).ChecksumType, 'COMPOSITE');
  });

  it('refuses a checksum type on Complete other than the upload\'s with BadDigest (S3 API, CompleteMultipartUpload)', async () => {
    const { UploadId, parts } = await started('restated', [SMALL], { ChecksumAlgorithm: 'CRC32' });
    const restated = (ChecksumType: 'COMPOSITE' | 'FULL_OBJECT') =>
      mpu.s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'restated', UploadId, ChecksumType, MultipartUpload: { Parts: parts } }));
    await rejectsWith(restated('FULL_OBJECT'), 'BadDigest', { status: 400 });
    assert.equal((await restated('COMPOSITE')).ChecksumType, 'COMPOSITE');
    const plain = await started('restated-plain', [SMALL]);
    await rejectsWith(
      mpu.s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'restated-plain', UploadId: plain.UploadId, ChecksumType: 'COMPOSITE', MultipartUpload: { Parts: plain.parts } })),
      'BadDigest',
      { status: 400 },
    );
  });

  it('completes a FULL_OBJECT upload without the parts\' checksums (the object is checked whole)', async () => {
    const { UploadId, parts } = await started('full-bare', [BIG, SMALL], { ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' });
    const out = await complete('full-bare', UploadId, parts.map(({ ChecksumCRC32: _, ...rest }) => rest));
    assert.equal(out.ChecksumType, 'FULL_OBJECT');
    if (hasCrc32) assert.equal(out.ChecksumCRC32, crc32(Buffer.concat([BIG, SMALL])).toString('base64'));
  });
});

describe('AbortMultipartUpload', () => {
  it('aborts with 204; then the upload is gone for every operation, a second abort included', async () => {
    const { UploadId, parts } = await started('aborted', [SMALL]);
    const out = await mpu.s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'aborted', UploadId }));
    assert.equal(out.$metadata.httpStatusCode, 204);
    // Thunks, so that each call is sent (and awaited) in turn, the second abort last.
    const calls = [
      () => upload({ Key: 'aborted', UploadId, PartNumber: 2, Body: 'x' }),
      () => listParts({ Key: 'aborted', UploadId }),
      () => complete('aborted', UploadId, parts),
      () => mpu.s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'aborted', UploadId })),
    ];
    for (const call of calls) await rejectsWith(call(), 'NoSuchUpload', { status: 404, message: NO_UPLOAD });
  });
});
