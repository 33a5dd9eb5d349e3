package org.rtmp4j.amf;

import java.util.List;

/**
 * The traits of an AMF3 object (AMF3 §3.12): class name, dynamic and externalizable flags and
 * sealed member names. Entries of the trait reference table; two objects share traits, and the
 * writer sends a trait reference, when these four are equal.
 */
record Amf3Traits(String className, boolean dynamic, boolean externalizable, List<String> sealedNames) {}
