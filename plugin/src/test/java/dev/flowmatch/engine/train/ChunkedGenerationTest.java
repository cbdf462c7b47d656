package dev.flowmatch.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Sampling chunks hold at most 64 × 64² atom pairs: small molecules go 64 at a time, large ones fewer, a giant alone. */
class ChunkedGenerationTest {

    private static int firstChunk(final int atoms, final int molecules, final int chunk) {
        var counts = new int[molecules];
        java.util.Arrays.fill(counts, atoms);
        return ChunkedGeneration.chunkEnd(counts, IntStream.range(0, molecules).toArray(), 0, chunk);
    }

    @Test
    void chunksAreBoundedByAtomPairs() {
        assertEquals(64, firstChunk(29, 100, 64), "QM9-sized molecules: the requested chunk");
        assertEquals(64, firstChunk(64, 100, 64), "exactly at the bound");
        assertEquals(26, firstChunk(100, 100, 64), "64·64·64 / 100² = 26.2");
        assertEquals(1, firstChunk(1024, 5, 64), "the largest molecule a model may have goes alone");
        assertEquals(3, firstChunk(29, 3, 64), "never past the requests");
        // mixed sizes sorted ascending: the chunk's largest molecule sets its pairs
        var counts = new int[] {10, 10, 10, 300}; // 4 · 300² > 64³: the 300-atom molecule waits for the next chunk
        assertEquals(3, ChunkedGeneration.chunkEnd(counts, new int[] {0, 1, 2, 3}, 0, 64));
        assertEquals(4, ChunkedGeneration.chunkEnd(counts, new int[] {0, 1, 2, 3}, 3, 64));
    }
}
