package dev.minewarden.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.LongAdder;

/** Adds the bytes read through it to a shared counter, for progress reporting. */
public final class CountingInputStream extends FilterInputStream {
  private final LongAdder counter;

  /** Counts the bytes read from {@code in} into {@code counter}. */
  public CountingInputStream(InputStream in, LongAdder counter) {
    super(in);
    this.counter = counter;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counter.increment();
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      counter.add(n);
    }
    return n;
  }
}
