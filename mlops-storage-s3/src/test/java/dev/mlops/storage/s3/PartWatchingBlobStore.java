package dev.mlops.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Test-only: watches the parts of multipart uploads on the server side. It counts the parts
 * received and records how many were being received at once (the most seen), holds each part a little so that parts a client
 * sends at once do overlap here, and refuses part 3 of any key that contains {@value #REFUSED}
 * with 400 InvalidArgument, which the SDK does not retry.
 */
final class PartWatchingBlobStore extends ForwardingBlobStore {
  /** Keys containing this have their third part refused. */
  static final String REFUSED = "refuse-part-3";

  private static final long HOLD_MILLIS = 100;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final AtomicInteger received = new AtomicInteger();

  PartWatchingBlobStore(BlobStore delegate) {
    super(delegate);
  }

  /** The most parts received at once since the last {@link #reset()}. */
  int mostInFlight() {
    return mostInFlight.get();
  }

  /** The parts received since the last {@link #reset()}. */
  int received() {
    return received.get();
  }

  void reset() {
    mostInFlight.set(0);
    received.set(0);
  }

  @Override
  public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
      InputStream payload) {
    received.incrementAndGet();
    int now = inFlight.incrementAndGet();
    mostInFlight.accumulateAndGet(now, Math::max);
    try {
      if (request.key().contains(REFUSED) && request.partNumber() == 3) {
        drain(payload); // an unread body makes the server drop the connection instead
        throw S3Exceptions.invalidArgument("part 3 refused by the test");
      }
      Thread.sleep(HOLD_MILLIS);
      return super.uploadMultipartPart(upload, request, payload);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static void drain(InputStream payload) {
    try (payload) {
      payload.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the client went away; the refusal is answered anyway
    }
  }
}
