package dev.flowmatch.nodes.common;

import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import java.io.IOException;
import java.nio.file.Path;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.Label;

import ai.djl.Device;
import dev.flowmatch.engine.encoder.CountFingerprintEncoder;
import dev.flowmatch.engine.encoder.DefaultEncoders;
import dev.flowmatch.engine.encoder.DescriptorEncoder;
import dev.flowmatch.engine.encoder.FrozenEncoder;
import dev.flowmatch.engine.encoder.MaccsEncoder;
import dev.flowmatch.engine.encoder.TorchScriptEncoder;

/** The frozen encoder and its options; shared by Frozen Encoder Embed, the learner's REPA and the metrics. */
public final class EncoderSettings implements NodeParameters {

    /** The encoders users choose from. */
    public enum Kind {
        @Label("ECFP counts (CDK)")
        ECFP,
        @Label("MACCS keys (CDK)")
        MACCS,
        @Label("CDK descriptors (standardized)")
        DESCRIPTORS,
        @Label("MPNN (2D graph, pretrained)")
        MPNN,
        @Label("SchNet (3D, pretrained)")
        SCHNET,
        @Label("TorchScript file")
        TORCHSCRIPT
    }

    /** What a user's TorchScript encoder takes besides atomic numbers. */
    public enum ScriptInput {
        @Label("3D coordinates")
        POINT_CLOUD,
        @Label("Bond-order matrix")
        GRAPH
    }

    @Widget(title = "Encoder", description = "The frozen, pretrained encoder. ECFP counts, MACCS keys and CDK descriptors"
        + " are computed by CDK; MPNN (a 2D message-passing network) and SchNet (a 3D continuous-filter network) are"
        + " pretrained by this project on QM9 and MOSES and shipped with the extension; a TorchScript file brings your"
        + " own model. Default: MPNN. Choose SchNet for 3D-aware embeddings (molecules need 3D coordinates), ECFP for"
        + " the classic fingerprint space.")
    @ValueReference(KindRef.class)
    public Kind m_kind = Kind.MPNN;

    @Widget(title = "ECFP radius", description = "Bond radius of the circular environments (2 = ECFP4). Only for ECFP.")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Effect(predicate = IsEcfp.class, type = EffectType.SHOW)
    public int m_ecfpRadius = 2;

    @Widget(title = "ECFP length", description = "Number of count bins the environments are hashed into. Only for"
        + " ECFP. Default 1024; shorter vectors collide more.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Effect(predicate = IsEcfp.class, type = EffectType.SHOW)
    public int m_ecfpLength = 1024;

    @Widget(title = "TorchScript file", description = "Path of a TorchScript encoder (.pt) whose forward takes atomic"
        + " numbers (int64 [B,N]), coordinates [B,N,3] or bond orders [B,N,N], and a mask [B,N], and returns [B,E]."
        + " Only for the TorchScript encoder. A .pt file is a program that runs when it is loaded: use only files"
        + " you trust. Files whose code reads or writes files or calls native libraries' operators are refused, and"
        + " so are files whose tensors declare more data than the file holds. Cancel stops a file whose code does not"
        + " end (its thread runs on until KNIME closes).")
    @Effect(predicate = IsTorchScript.class, type = EffectType.SHOW)
    public String m_torchScriptFile = "";

    @Widget(title = "TorchScript input", description = "Whether the TorchScript model takes 3D coordinates or a"
        + " bond-order matrix. Only for the TorchScript encoder.")
    @Effect(predicate = IsTorchScript.class, type = EffectType.SHOW)
    public ScriptInput m_torchScriptInput = ScriptInput.POINT_CLOUD;

    public EncoderSettings() {
    }

    public EncoderSettings(final Kind kind) {
        m_kind = kind;
    }

    /** @return settings choosing the shipped encoder of that name (one of {@link DefaultEncoders#NAMES}) */
    public static EncoderSettings ofDefaultEncoder(final String name) {
        return new EncoderSettings(switch (name) {
            case "mpnn" -> Kind.MPNN;
            case "schnet" -> Kind.SCHNET;
            default -> throw new IllegalArgumentException("No default encoder \"" + name + "\"; known: "
                + DefaultEncoders.NAMES + ".");
        });
    }

    /** @param prefix the enclosing setting's title, for messages */
    public void validate(final String prefix) throws InvalidSettingsException {
        Checks.check(m_kind != null, prefix + " encoder", "not set");
        Bounds.check(this); // ECFP radius and length, as the dialog declares them
        if (m_kind == Kind.TORCHSCRIPT) {
            Checks.check(m_torchScriptFile != null && !m_torchScriptFile.isBlank(), prefix + " TorchScript file",
                "no file given");
            Checks.check(m_torchScriptInput != null, prefix + " TorchScript input", "not set");
        }
    }

    /** @return a name known before execution, for column names and specs */
    public String label() {
        return switch (m_kind) {
            case ECFP -> "ECFP" + 2 * m_ecfpRadius + "-" + m_ecfpLength;
            case MACCS -> "MACCS";
            case DESCRIPTORS -> "CDK descriptors";
            case MPNN -> "MPNN";
            case SCHNET -> "SchNet";
            case TORCHSCRIPT -> Path.of(m_torchScriptFile).getFileName().toString().replaceFirst("\\.[^.]*$", "");
        };
    }

    /** @return true if the encoder reads 3D coordinates */
    public boolean needs3D() {
        return m_kind == Kind.SCHNET || m_kind == Kind.TORCHSCRIPT && m_torchScriptInput == ScriptInput.POINT_CLOUD;
    }

    /**
     * @param exec whose cancel button stops a TorchScript file's loading and encoding (its code may never end)
     * @return the encoder (close it after use)
     * @throws CanceledExecutionException when the user cancelled while the file loaded
     */
    public FrozenEncoder create(final Device device, final ExecutionMonitor exec) throws InvalidSettingsException,
        CanceledExecutionException {
        try {
            return create(device, Checks.cancelled(exec));
        } catch (java.util.concurrent.CancellationException e) {
            exec.checkCanceled(); // the user's cancel: KNIME shows the node as cancelled
            throw e; // the time limit: the message says which file and why
        }
    }

    private FrozenEncoder create(final Device device, final java.util.function.BooleanSupplier cancelled)
        throws InvalidSettingsException {
        return switch (m_kind) {
            case ECFP -> new CountFingerprintEncoder(m_ecfpRadius, m_ecfpLength);
            case MACCS -> new MaccsEncoder();
            case DESCRIPTORS -> DescriptorEncoder.standardized();
            case MPNN -> DefaultEncoders.mpnn(device);
            case SCHNET -> DefaultEncoders.schnet(device);
            case TORCHSCRIPT -> {
                var file = Path.of(m_torchScriptFile);
                try {
                    yield TorchScriptEncoder.load(file,
                        m_torchScriptInput == ScriptInput.GRAPH ? TorchScriptEncoder.Input.GRAPH
                            : TorchScriptEncoder.Input.POINT_CLOUD, device, cancelled);
                } catch (java.util.concurrent.CancellationException e) {
                    throw e; // cancelled by the user, or a file whose code did not end: not a setting's fault
                } catch (IOException | RuntimeException e) {
                    throw new InvalidSettingsException("Setting \"TorchScript file\": " + e.getMessage(), e);
                }
            }
        };
    }

    // which settings apply: ECFP's radius and length, the TorchScript file and its input, each for its encoder only
    static final class KindRef implements ParameterReference<Kind> {
    }

    static final class IsEcfp implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(KindRef.class).isOneOf(Kind.ECFP);
        }
    }

    static final class IsTorchScript implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(KindRef.class).isOneOf(Kind.TORCHSCRIPT);
        }
    }
}
