package org.tessel.onnx;

import org.tessel.model.BadInputException;

/**
 * How an ONNX model is sized when it is imported.
 *
 * @param batch the batch size, or {@code null} for the model's own (1 where it is symbolic)
 * @param height the input height, or {@code null} for the model's own
 * @param width the input width, or {@code null} for the model's own
 */
public record ImportOptions(Integer batch, Integer height, Integer width) {

    /** The model's own sizes, batch 1 where the model leaves it symbolic. */
    public static final ImportOptions DEFAULT = new ImportOptions(null, null, null);

    public ImportOptions {
        if (batch != null && batch < 1) {
            throw new BadInputException("--batch must be at least 1, got " + batch);
        }
        if ((height == null) != (width == null)) {
            throw new IllegalArgumentException("height and width are given together");
        }
        if (height != null && (height < 1 || width < 1)) {
            throw new BadInputException("--input-size must be positive, got " + height + "x" + width);
        }
    }

    /**
     * Options from the command line's {@code --batch N} and {@code --input-size HxW}, either may be null.
     *
     * @throws BadInputException if a value is malformed
     */
    public static ImportOptions of(Integer batch, String inputSize) {
        if (inputSize == null) {
            return new ImportOptions(batch, null, null);
        }
        String[] hw = inputSize.strip().split("[xX×]");
        try {
            if (hw.length != 2) {
                throw new NumberFormatException();
            }
            return new ImportOptions(batch, Integer.parseInt(hw[0].strip()), Integer.parseInt(hw[1].strip()));
        } catch (NumberFormatException e) {
            throw new BadInputException("--input-size must be HEIGHTxWIDTH, e.g. 224x224, got '" + inputSize + "'");
        }
    }

    /** True if any size is overridden. */
    public boolean overrides() {
        return batch != null || height != null;
    }
}
