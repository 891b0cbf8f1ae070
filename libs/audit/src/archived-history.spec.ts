import { gunzipSync, gzipSync } from 'node:zlib';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { committedCase } from '../../../test/support/committed-histories';
import { encodeHistory, readArchivedRun } from './archived-history';

describe('readArchivedRun', () => {
  const { history } = committedCase('vacancy-approved-closed');
  const encoded = encodeHistory(history);

  it('decodes the protobuf copy to the archived history and hashes both copies as the archive recorded them', () => {
    const read = readArchivedRun(encoded.gzip, encoded.pbGzip);
    expect(historyToJSON(read.history)).toBe(historyToJSON(history));
    expect(read.stored).toEqual({ sha256: encoded.sha256, pbSha256: encoded.pbSha256 });
  });

  it('hashes each copy as it is now, so a copy altered after archiving no longer matches the chain', () => {
    const pb = Buffer.from(gunzipSync(encoded.pbGzip));
    pb[pb.length - 1] ^= 0x01;
    const json = Buffer.concat([gunzipSync(encoded.gzip), Buffer.from(' ')]);
    const alteredPb = readArchivedRun(encoded.gzip, gzipSync(pb)).stored;
    const alteredJson = readArchivedRun(gzipSync(json), encoded.pbGzip).stored;
    expect(alteredPb).toEqual({ sha256: encoded.sha256, pbSha256: expect.not.stringMatching(encoded.pbSha256) });
    expect(alteredJson).toEqual({ sha256: expect.not.stringMatching(encoded.sha256), pbSha256: encoded.pbSha256 });
  });
});
