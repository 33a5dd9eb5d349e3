package org.rtmp4j.amf;

import java.util.Objects;

/**
 * An AMF3 externalizable object (marker 0x0A with U29O-traits-ext, AMF3 §3.12): a class name and
 * a body whose format only the class knows. It is produced only by an {@link
 * Amf3ExternalizableReader} registered for the class name, and written only by a registered {@link
 * Amf3ExternalizableWriter}; without one, reading or writing fails with an {@link AmfException}.
 *
 * @param className the class alias as sent
 * @param body whatever the registered reader returned (for {@link
 *     Amf3ExternalizableReader#SINGLE_VALUE}, the one AMF3 value of the body)
 */
public record Amf3Externalizable(String className, Object body) {
    /**
     * Validates the components.
     *
     * @param className the class alias
     * @param body the body
     * @throws NullPointerException if {@code className} is null
     */
    public Amf3Externalizable {
        Objects.requireNonNull(className, "className");
    }
}
