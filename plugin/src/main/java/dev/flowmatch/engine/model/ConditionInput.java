package dev.flowmatch.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The condition a {@link VelocityTransformer} reads beside the time: per molecule its C standardised property
 * values and a presence flag, [B, C + 1]. A molecule without a condition (dropped in training for
 * classifier-free guidance, missing cells, or the unconditional pass of guidance) has zeros and flag 0, so one
 * network learns both the conditional and the unconditional field. The array travels in the network's inputs under
 * the name {@value #NAME}, after the positional ones.
 */
public final class ConditionInput {

    /** The input's name in the network's NDList. */
    public static final String NAME = "condition";

    private ConditionInput() {
    }

    /**
     * @param standardized per molecule its standardised values, or null for no condition
     * @param conditions C
     * @return [B, C + 1] named {@value #NAME}
     */
    public static NDArray of(final NDManager manager, final float[][] standardized, final int conditions) {
        var data = new float[standardized.length * (conditions + 1)];
        for (int i = 0; i < standardized.length; i++) {
            if (standardized[i] != null) {
                if (standardized[i].length != conditions) {
                    throw new IllegalArgumentException("Molecule " + (i + 1) + " has " + standardized[i].length
                        + " condition values; the network takes " + conditions + ".");
                }
                System.arraycopy(standardized[i], 0, data, i * (conditions + 1), conditions);
                data[i * (conditions + 1) + conditions] = 1f;
            }
        }
        var a = manager.create(data, new Shape(standardized.length, conditions + 1));
        a.setName(NAME);
        return a;
    }

    /** @return [B, C + 1] of zeros (no condition for any molecule), named {@value #NAME} */
    public static NDArray none(final NDManager manager, final int molecules, final int conditions) {
        var a = manager.zeros(new Shape(molecules, conditions + 1));
        a.setName(NAME);
        return a;
    }

    /** @return the condition among the inputs, or null when there is none */
    static NDArray find(final NDList inputs) {
        for (int i = 3; i < inputs.size(); i++) {
            if (NAME.equals(inputs.get(i).getName())) {
                return inputs.get(i);
            }
        }
        return null;
    }

    /** @return the first input after x, t and mask that is not the condition (the self-conditioning estimate) */
    static NDArray estimate(final NDList inputs) {
        for (int i = 3; i < inputs.size(); i++) {
            if (!NAME.equals(inputs.get(i).getName())) {
                return inputs.get(i);
            }
        }
        return null;
    }
}
