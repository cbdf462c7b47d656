package dev.flowmatch.engine.train;

/**
 * What training produced, stored in the model file for the port summary and for reproducibility.
 *
 * @param steps optimizer steps taken
 * @param trainingMolecules molecules trained on
 * @param finalLoss mean loss over the last epoch
 * @param validationLoss last validation loss (NaN if none)
 * @param alignmentCosine last validation REPA cosine (NaN if REPA was off)
 * @param seconds total training time
 * @param parameters number of network parameters
 * @param encoder name and version of the REPA encoder, or "" when REPA was off
 * @param startedFrom "" when training started from random weights; for a fine-tuned model, what the model it
 *            started from was ({@link WarmStart}), so a model's card keeps its history (absent in older files)
 */
public record TrainingSummary(int steps, int trainingMolecules, double finalLoss, double validationLoss,
    double alignmentCosine, double seconds, long parameters, String encoder, String startedFrom) {

    public TrainingSummary {
        startedFrom = startedFrom == null ? "" : startedFrom;
    }

    /** @return one line saying what this training was, for the summary of a model fine-tuned from it */
    public String lineage() {
        return String.format(java.util.Locale.ROOT, "a model trained %,d steps on %,d molecules (validation loss %.4f)",
            steps, trainingMolecules, validationLoss) + (startedFrom.isEmpty() ? "" : ", itself fine-tuned from "
                + startedFrom);
    }
}
