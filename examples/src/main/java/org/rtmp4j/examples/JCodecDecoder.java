package org.rtmp4j.examples;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.AWTUtil;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.codec.AvcDecoderConfigurationRecord;
import org.rtmp4j.flv.codec.H264Sps;
import org.rtmp4j.flv.media.VideoTagHeader;
import org.rtmp4j.snapshot.DecodeException;
import org.rtmp4j.snapshot.KeyframeDecoder;
import org.rtmp4j.snapshot.KeyframeSample;
import org.rtmp4j.snapshot.UnsupportedCodecException;

/**
 * Decodes H.264 keyframes in process with JCodec 0.2.5 and encodes them as JPEG with the JDK's
 * {@code javax.imageio}. Only what JCodec decodes correctly: progressive (frame_mbs_only_flag 1) 8-bit
 * 4:2:0 in the Baseline, Main or High profile (ITU-T H.264 §7.4.2.1.1, Annex A); anything else, and
 * every other codec, is refused ({@link UnsupportedCodecException}) so a chain passes it to the next
 * decoder. The picture is cropped to the SPS's cropped size, which is the stream's width and height.
 *
 * <p>Thread-safe: each call has its own JCodec decoder. A JCodec failure on corrupt data (it throws
 * runtime exceptions) becomes a {@link DecodeException}.
 */
final class JCodecDecoder implements KeyframeDecoder {
    /** JPEG quality given to the JDK's encoder, 0..1. */
    static final float QUALITY = 0.85f;

    @Override
    public byte[] decode(KeyframeSample sample) throws UnsupportedCodecException, DecodeException, InterruptedException {
        if (!"h264".equals(sample.codec())) {
            throw new UnsupportedCodecException("JCodec decodes H.264 only, not " + sample.codec());
        }
        AvcDecoderConfigurationRecord config;
        ByteBuffer frame;
        try {
            if (VideoTagHeader.parse(sample.keyframe()).isMultitrack()) {
                throw new UnsupportedCodecException("JCodec decoder: E-RTMP multitrack video");
            }
            config = AvcDecoderConfigurationRecord.parse(sample.configurationRecord());
            frame = sample.codedFrame();
        } catch (FlvFormatException e) {
            throw new DecodeException("H.264 keyframe or sequence header: " + e.getMessage(), e);
        }
        H264Sps sps = config.sps();
        if (sps == null || config.pictureParameterSets().isEmpty()) {
            throw new DecodeException("AVCDecoderConfigurationRecord without SPS or PPS");
        }
        checkSupported(sps, config.sequenceParameterSets().get(0));
        ByteBuffer annexB = annexB(config, frame);
        Picture picture;
        try {
            int w = sps.codedWidth();
            int h = sps.codedHeight();
            byte[][] planes = {new byte[w * h], new byte[w * h / 4], new byte[w * h / 4]};
            picture = new H264Decoder().decodeFrame(annexB, planes);
        } catch (RuntimeException e) {
            throw new DecodeException("JCodec failed on the keyframe: " + e, e);
        }
        if (picture == null) {
            throw new DecodeException("JCodec decoded no picture from the keyframe");
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        BufferedImage image = AWTUtil.toBufferedImage(picture);
        if (image.getWidth() > sps.width() || image.getHeight() > sps.height()) {
            image = image.getSubimage(0, 0, Math.min(image.getWidth(), sps.width()), Math.min(image.getHeight(), sps.height()));
        }
        return jpeg(image);
    }

    private static void checkSupported(H264Sps sps, ByteBuffer spsNal) throws UnsupportedCodecException, DecodeException {
        if (sps.profileIdc() != 66 && sps.profileIdc() != 77 && sps.profileIdc() != 100) {
            throw new UnsupportedCodecException("JCodec decoder: H.264 profile_idc " + sps.profileIdc()
                    + " (Baseline 66, Main 77 and High 100 only)");
        }
        if (sps.chromaFormatIdc() != 1 || sps.bitDepthLuma() != 8 || sps.bitDepthChroma() != 8) {
            throw new UnsupportedCodecException("JCodec decoder: H.264 chroma_format_idc " + sps.chromaFormatIdc()
                    + ", bit depth " + sps.bitDepthLuma() + "/" + sps.bitDepthChroma() + " (8-bit 4:2:0 only)");
        }
        SeqParameterSet parsed;
        try {
            ByteBuffer rbsp = spsNal.duplicate();
            rbsp.position(rbsp.position() + 1); // the NAL unit header
            parsed = H264Utils.readSPS(rbsp);
        } catch (RuntimeException e) {
            throw new DecodeException("H.264 SPS: " + e, e);
        }
        if (!parsed.isFrameMbsOnlyFlag()) {
            throw new UnsupportedCodecException("JCodec decoder: interlaced H.264 (frame_mbs_only_flag 0)");
        }
    }

    /** The SPS, the PPS and the keyframe's NAL units with 4-byte start codes (ITU-T H.264 Annex B). */
    static ByteBuffer annexB(AvcDecoderConfigurationRecord config, ByteBuffer frame) throws DecodeException {
        List<ByteBuffer> nals = new ArrayList<>(config.sequenceParameterSets());
        nals.addAll(config.pictureParameterSets());
        ByteBuffer f = frame.duplicate();
        int lengthSize = config.nalUnitLengthSize();
        int start = f.position();
        while (f.hasRemaining()) {
            int at = f.position() - start;
            if (f.remaining() < lengthSize) {
                throw new DecodeException("H.264 keyframe: truncated NAL unit length at offset " + at);
            }
            int len = 0;
            for (int i = 0; i < lengthSize; i++) {
                len = len << 8 | (f.get() & 0xFF);
            }
            if (len > f.remaining()) {
                throw new DecodeException("H.264 keyframe: NAL unit of " + len + " bytes at offset " + at + ", only "
                        + f.remaining() + " left");
            }
            ByteBuffer nal = f.slice();
            nal.limit(len);
            nals.add(nal);
            f.position(f.position() + len);
        }
        int size = 0;
        for (ByteBuffer n : nals) {
            size += 4 + n.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (ByteBuffer n : nals) {
            out.putInt(1).put(n.duplicate());
        }
        return out.flip();
    }

    /** Encodes {@code image} as a baseline JPEG of {@link #QUALITY}. */
    static byte[] jpeg(BufferedImage image) throws DecodeException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new DecodeException("JPEG encoding failed: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
