package dev.mlops.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only: a TCP proxy on a free loopback port in front of the test server that injects faults
 * into the connections it accepts. A share of connections is answered with an S3 {@code 503
 * SlowDown}, another share gets its first response only after the client's socket timeout; every
 * other connection is cut after a random number of bytes in each direction (log-uniform between
 * 256 B and 16 MiB), so that connections die at every scale: in the middle of a request, or in the
 * middle of a response, after the server may have done the write. Faults are drawn from a seeded
 * random sequence; the proxy counts what it injected so a test can check that faults happened.
 */
final class FaultyProxy extends LoopbackProxy {
  /** What happens to one connection. */
  enum Fault { NONE, SLOW_DOWN_503, SLOW_RESPONSE, CUT_REQUEST, CUT_RESPONSE }

  private static final String SLOW_DOWN_BODY =
      "<Error><Code>SlowDown</Code><Message>injected by the test</Message></Error>";
  private static final byte[] SLOW_DOWN = ("HTTP/1.1 503 Slow Down\r\n"
      + "Content-Type: application/xml\r\nContent-Length: " + SLOW_DOWN_BODY.length()
      + "\r\nConnection: close\r\n\r\n" + SLOW_DOWN_BODY).getBytes(StandardCharsets.US_ASCII);

  private final double faultRate;
  private final int slowMillis;
  private final Random random;
  private final Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();

  /**
   * @param faultRate the share of connections answered with 503 or slowly, half each
   * @param slowMillis how long a slow connection's first response is held back
   */
  FaultyProxy(URI target, double faultRate, int slowMillis, long seed) throws IOException {
    super(target, "faulty-proxy");
    this.faultRate = faultRate;
    this.slowMillis = slowMillis;
    this.random = new Random(seed);
    for (Fault fault : Fault.values()) {
      injected.put(fault, new AtomicInteger());
    }
    start();
  }

  int injected(Fault fault) {
    return injected.get(fault).get();
  }

  /** How many connections got a fault of any kind so far. */
  int faultsInjected() {
    int total = 0;
    for (Fault fault : Fault.values()) {
      total += fault == Fault.NONE ? 0 : injected(fault);
    }
    return total;
  }

  @Override
  public String toString() {
    return "FaultyProxy" + injected;
  }

  /** 503 or slow for a share {@code faultRate} of connections, split evenly; else cuts. */
  private synchronized Fault nextFault() {
    double draw = random.nextDouble();
    return draw < faultRate / 2 ? Fault.SLOW_DOWN_503
        : draw < faultRate ? Fault.SLOW_RESPONSE : Fault.NONE;
  }

  /** A byte budget, log-uniform from 2^8 to 2^24. */
  private synchronized long nextBudget() {
    return 1L << (8 + random.nextInt(17));
  }

  @Override
  protected void serve(Socket client) {
    Fault fault = nextFault();
    if (fault != Fault.NONE) {
      injected.get(fault).incrementAndGet();
    }
    try (client; Socket server = connectToTarget()) {
      if (fault == Fault.SLOW_DOWN_503) {
        readRequestHead(client.getInputStream());
        client.getOutputStream().write(SLOW_DOWN);
        client.getOutputStream().flush();
        return;
      }
      boolean slow = fault == Fault.SLOW_RESPONSE;
      long requestLimit = slow ? Long.MAX_VALUE : nextBudget();
      long responseLimit = slow ? Long.MAX_VALUE : nextBudget();
      threads.execute(() -> pump(client, server, requestLimit, 0, Fault.CUT_REQUEST));
      pump(server, client, responseLimit, slow ? slowMillis : 0, Fault.CUT_RESPONSE);
    } catch (IOException e) {
      // a fault, or the client went away: either way this connection is over
    }
  }

  /**
   * Copies until {@code limit} bytes passed (counted as {@code cut}) or either side closes, then
   * closes both sides.
   */
  private void pump(Socket from, Socket to, long limit, int delayFirstMillis, Fault cut) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[16 * 1024];
      long passed = 0;
      boolean first = true;
      while (passed < limit) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - passed));
        if (n < 0) {
          break;
        }
        if (first && delayFirstMillis > 0) {
          Thread.sleep(delayFirstMillis);
        }
        first = false;
        out.write(buffer, 0, n);
        out.flush();
        passed += n;
      }
      if (passed >= limit) {
        injected.get(cut).incrementAndGet();
      }
    } catch (IOException | InterruptedException e) {
      // the other side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

}
