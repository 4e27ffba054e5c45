package dev.minewarden.core.sigma.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Every {@code cidr} test the compiled rules make on one field, merged: an address is parsed once
 * per value, then looked up per distinct netmask (a binary search among the networks of that
 * length), so a field tested against a few networks or against thousands costs about the same.
 * Sets the bit of each network the value lies in. Immutable; scans allocate nothing for plain
 * dotted quads.
 */
final class CidrSet {
  /** Per distinct IPv4 netmask: the mask, its sorted network addresses, and their test ids. */
  private final int[] masks;
  private final int[][] nets;
  private final int[][][] ids;
  /** Every network with its id, for values that are no plain dotted quad (IPv6, mapped, odd). */
  private final CidrPred[] all;
  private final int[] allIds;

  CidrSet(List<CidrPred> networks, int[] testIds) {
    all = networks.toArray(CidrPred[]::new);
    allIds = testIds.clone();
    TreeMap<Integer, TreeMap<Integer, List<Integer>>> byMask = new TreeMap<>();
    for (int i = 0; i < all.length; i++) {
      if (all[i].isV4()) {
        byMask.computeIfAbsent(all[i].mask4(), m -> new TreeMap<>())
            .computeIfAbsent(all[i].net4(), n -> new ArrayList<>())
            .add(allIds[i]);
      }
    }
    masks = new int[byMask.size()];
    nets = new int[masks.length][];
    ids = new int[masks.length][][];
    int k = 0;
    for (var e : byMask.entrySet()) {
      masks[k] = e.getKey();
      // Sorted as unsigned, so binary search by Integer.compareUnsigned order works below.
      List<Integer> sorted = new ArrayList<>(e.getValue().keySet());
      sorted.sort(Integer::compareUnsigned);
      nets[k] = sorted.stream().mapToInt(Integer::intValue).toArray();
      ids[k] = sorted.stream()
          .map(n -> e.getValue().get(n).stream().mapToInt(Integer::intValue).toArray())
          .toArray(int[][]::new);
      k++;
    }
  }

  /** Sets the bits of the networks {@code s} lies in; {@code base} is the field's first bit. */
  void scan(String s, long[] bits, int base) {
    long v4 = IpAddresses.plainV4(s);
    if (v4 >= 0) {
      scanV4((int) v4, bits, base);
      return;
    }
    for (int i = 0; i < all.length; i++) {
      if (all[i].test(s, null)) {
        set(allIds[i], bits, base);
      }
    }
  }

  /** The same for an address already read as a plain dotted quad. */
  void scanV4(int address, long[] bits, int base) {
    for (int m = 0; m < masks.length; m++) {
      int i = unsignedSearch(nets[m], address & masks[m]);
      if (i >= 0) {
        for (int id : ids[m][i]) {
          set(id, bits, base);
        }
      }
    }
  }

  private static int unsignedSearch(int[] a, int key) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Integer.compareUnsigned(a[mid], key);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  private static void set(int id, long[] bits, int base) {
    int b = base + id;
    bits[b >>> 6] |= 1L << b;
  }

  @Override
  public String toString() {
    return Arrays.toString(all);
  }
}
