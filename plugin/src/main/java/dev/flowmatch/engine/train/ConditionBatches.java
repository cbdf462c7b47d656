package dev.flowmatch.engine.train;

import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.flowmatch.engine.model.ConditionInput;

/**
 * The condition array of one training or validation batch: each molecule's standardised property values, or none
 * when a value is missing, and in training none with the dropout probability, so that the network also learns the
 * unconditional field classifier-free guidance needs (Ho and Salimans 2022).
 */
final class ConditionBatches {

    private ConditionBatches() {
    }

    /**
     * @param conditions the model's conditions, or null for an unconditional model (then null is returned)
     * @param values property values per molecule of the data set
     * @param idx the batch's molecules
     * @param rng the step's random stream (dropout draws, in training only)
     * @return [B, C + 1] for the network's inputs, or null for an unconditional model
     */
    static NDArray of(final Conditions conditions, final double[][] values, final int[] idx, final Random rng,
        final NDManager scope, final boolean training) {
        if (conditions == null) {
            return null;
        }
        if (values == null) {
            throw new IllegalArgumentException("The model is conditioned on " + conditions.names()
                + ", but the training data has no property values.");
        }
        var standardized = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            boolean dropped = training && rng.nextDouble() < conditions.dropout();
            standardized[i] = dropped ? null : conditions.standardize(values[idx[i]]);
        }
        return ConditionInput.of(scope, standardized, conditions.size());
    }
}
