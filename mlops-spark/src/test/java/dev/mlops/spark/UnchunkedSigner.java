package dev.mlops.spark;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The SDK's SigV4 signer with the body signed whole rather than in {@code aws-chunked} chunks,
 * for S3A ({@code fs.s3a.http.signer.class}) against radosgw 16 over plain HTTP: there the SDK
 * signs every payload, in chunks when the body is a stream, and radosgw 16 refuses a chunked
 * upload of zero bytes (400 XAmzContentSHA256Mismatch) — the directory markers of Hadoop's output
 * committer and the {@code _SUCCESS} file are such uploads. Over HTTPS the SDK does not sign the
 * payload and the question does not arise.
 */
public final class UnchunkedSigner implements HttpSigner<AwsCredentialsIdentity> {
  private final AwsV4HttpSigner v4 = AwsV4HttpSigner.create();

  @Override
  public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
    return v4.sign(request.copy(b -> b.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false)));
  }

  @Override
  public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
    return v4.signAsync(request.copy(b -> b.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false)));
  }
}
