package dev.flowmatch.bench;

import java.util.List;
import java.util.Locale;

import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.train.TrainingData;

/**
 * All of QM9 (explicit H, canonical order) split once for the quality benchmarks: 10,000 held-out test
 * molecules (the reference for sample metrics), 1,000 validation molecules (loss curves) and everything
 * else for training, drawn by {@link TrainingData#split} with seed 1 over the whole file.
 */
record Qm9Full(Qm9Clouds all, List<PointCloud> train, List<PointCloud> validation, List<PointCloud> test,
    List<IAtomContainer> trainMolecules, List<IAtomContainer> validationMolecules, List<IAtomContainer> testMolecules) {

    static final int TEST = 10_000;

    static final int VALIDATION = 1_000;

    static Qm9Full read() throws Exception {
        long t0 = System.nanoTime();
        var qm9 = Qm9Clouds.read(i -> true, Integer.MAX_VALUE);
        int size = qm9.clouds().size();
        var split = TrainingData.split(size, (TEST + VALIDATION) / (double)size, 1);
        // The file is sorted by size and split() returns ascending indices: split the held-out part at random.
        var heldOut = split[1];
        var inner = TrainingData.split(heldOut.length, VALIDATION / (double)heldOut.length, 2);
        var validation = java.util.Arrays.stream(inner[1]).map(k -> heldOut[k]).toArray();
        var test = java.util.Arrays.stream(inner[0]).map(k -> heldOut[k]).toArray();
        var full = new Qm9Full(qm9, TrainingData.pick(qm9.clouds(), split[0]),
            TrainingData.pick(qm9.clouds(), validation), TrainingData.pick(qm9.clouds(), test),
            TrainingData.pick(qm9.molecules(), split[0]), TrainingData.pick(qm9.molecules(), validation),
            TrainingData.pick(qm9.molecules(), test));
        System.out.printf(Locale.ROOT, "QM9: %d training, %d validation, %d test molecules, read in %.0f s%n",
            full.train.size(), full.validation.size(), full.test.size(), (System.nanoTime() - t0) / 1e9);
        return full;
    }

    TrainingData data() {
        return TrainingData.of(train, validation);
    }
}
