package dev.mlops.storage.s3;

import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Test-only: holds part 2 of the multipart uploads of keys that contain {@value #HELD} at the
 * server until the test releases it, so that a test can act at a known point in the middle of an
 * upload: while a part is in flight. One use per server: once released, parts are not held.
 */
final class HeldPartBlobStore extends ForwardingBlobStore {
  /** Keys containing this have their second part held. */
  static final String HELD = "hold-part-2";

  private static final int HELD_PART = 2;

  private final CountDownLatch arrived = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  HeldPartBlobStore(BlobStore delegate) {
    super(delegate);
  }

  /** Waits until part 2 of an upload reached the server (and is being held). */
  void awaitHeldPart() throws InterruptedException {
    if (!arrived.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("no upload sent a second part within a minute");
    }
  }

  /** Lets the held part, and every later one, through. */
  void release() {
    released.countDown();
  }

  @Override
  public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
      InputStream payload) {
    if (request.partNumber() == HELD_PART && request.key().contains(HELD)) {
      arrived.countDown();
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return super.uploadMultipartPart(upload, request, payload);
  }
}
