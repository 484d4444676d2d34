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
 * with 400 InvalidArgument, which the SDK does not retry. After {@link #holdUntilOverlap()} it
 * holds the parts until two are being received at once, so a client that sends parts at once is
 * seen doing so however its threads are scheduled.
 */
final class PartWatchingBlobStore extends ForwardingBlobStore {
  /** Keys containing this have their third part refused. */
  static final String REFUSED = "refuse-part-3";

  private static final long HOLD_MILLIS = 100;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final AtomicInteger received = new AtomicInteger();
  private volatile boolean holdUntilOverlap;

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
    holdUntilOverlap = false;
  }

  /**
   * Holds the next parts until two are being received at once (then holds no more). A client that
   * sends one part at a time is held for a minute, a guard against a hang, and is then seen as
   * sequential.
   */
  void holdUntilOverlap() {
    holdUntilOverlap = true;
  }

  private synchronized void awaitOverlap() throws InterruptedException {
    notifyAll(); // a part waiting for company has it now, if this one makes two
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    while (holdUntilOverlap && mostInFlight.get() < 2) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  @Override
  public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
      InputStream payload) {
    if (request.key().contains(WriteProbe.FOLDER)) {
      // the write probe's one-part upload, not the content under test: neither counted nor held
      return super.uploadMultipartPart(upload, request, payload);
    }
    received.incrementAndGet();
    int now = inFlight.incrementAndGet();
    mostInFlight.accumulateAndGet(now, Math::max);
    try {
      if (request.key().contains(REFUSED) && request.partNumber() == 3) {
        drain(payload); // an unread body makes the server drop the connection instead
        throw S3Exceptions.invalidArgument("part 3 refused by the test");
      }
      awaitOverlap();
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
