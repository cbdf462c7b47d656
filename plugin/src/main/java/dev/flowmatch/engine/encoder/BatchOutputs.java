package dev.flowmatch.engine.encoder;

import java.util.Arrays;

import ai.djl.ndarray.NDList;

/** Receives one molecule's share of a batch's network outputs: molecule vectors first, atom vectors second. */
interface BatchOutputs {

    /**
     * @param index the molecule's position in the caller's list
     * @param outputs the batch's outputs, alive only during the call
     * @param row the molecule's row in the batch
     */
    void accept(int index, NDList outputs, int row);

    /** @return the molecule vector of a row of output 0 */
    static float[] molecule(final NDList outputs, final int row) {
        return outputs.get(0).get(row).toFloatArray();
    }

    /** @return the first {@code atoms} atom vectors of a row of output 1 [B, N, E] */
    static float[][] atoms(final NDList outputs, final int row, final int atoms) {
        var flat = outputs.get(1).get(row).toFloatArray();
        int e = (int)outputs.get(1).getShape().get(2);
        var out = new float[atoms][];
        for (int a = 0; a < atoms; a++) {
            out[a] = Arrays.copyOfRange(flat, a * e, (a + 1) * e);
        }
        return out;
    }
}
