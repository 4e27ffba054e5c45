package dev.minewarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PieceArraysTest {
  @Test
  void aParsedPiecesArrayIsTakenAgain_andOnlyArraysOfTheKeptLength() {
    PieceArrays arrays = new PieceArrays(1000, 2);
    byte[] a = arrays.take(1000);
    assertThat(a.length).isGreaterThanOrEqualTo(1000);
    arrays.give(a);
    assertThat(arrays.take(1200)).as("a piece and a short carry fit the kept array").isSameAs(a);

    byte[] long1 = arrays.take(a.length + 1);
    assertThat(long1.length).isEqualTo(a.length + 1);
    arrays.give(long1);
    assertThat(arrays.take(1000)).as("an array made for a long carry is not kept")
        .isNotSameAs(long1).hasSameSizeAs(a);
  }

  @Test
  void noMoreArraysAreKeptThanAsked() {
    PieceArrays arrays = new PieceArrays(1000, 2);
    byte[] a = arrays.take(1000);
    byte[] b = arrays.take(1000);
    byte[] c = arrays.take(1000);
    arrays.give(a);
    arrays.give(b);
    arrays.give(c);
    assertThat(arrays.take(1000)).isSameAs(a);
    assertThat(arrays.take(1000)).isSameAs(b);
    assertThat(arrays.take(1000)).as("the third was dropped").isNotSameAs(c);
  }
}
