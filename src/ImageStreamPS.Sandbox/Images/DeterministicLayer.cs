using System.Buffers.Binary;
using System.Text;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// Writes a tiny image layer (ustar archive, gzip with stored deflate blocks) byte for byte the
/// same on every runtime: zlib builds differ between .NET versions, so compressing for real
/// would change the digests the tutorial fixtures depend on.
/// </summary>
internal static class DeterministicLayer
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    /// <summary>A tar archive of directories and files (paths relative, '/'-separated) with a fixed mtime.</summary>
    public static byte[] Tar(IEnumerable<(string Path, byte[]? Content)> entries, DateTimeOffset modified)
    {
        using var tar = new MemoryStream();
        foreach (var (path, content) in entries)
        {
            var header = new byte[512];
            var directory = content is null;
            WriteText(header, 0, 100, directory && !path.EndsWith('/') ? path + "/" : path);
            WriteOctal(header, 100, 8, directory ? 0x1ED : 0x1A4);   // 0755 / 0644
            WriteOctal(header, 108, 8, 0);
            WriteOctal(header, 116, 8, 0);
            WriteOctal(header, 124, 12, content?.Length ?? 0);
            WriteOctal(header, 136, 12, (long)(modified - Epoch).TotalSeconds);
            header[156] = directory ? (byte)'5' : (byte)'0';
            WriteText(header, 257, 6, "ustar");
            WriteText(header, 263, 2, "00");
            WriteText(header, 265, 32, "root");
            WriteText(header, 297, 32, "root");
            for (var i = 148; i < 156; i++) header[i] = (byte)' ';
            var sum = header.Sum(b => (int)b);
            WriteText(header, 148, 7, Convert.ToString(sum, 8).PadLeft(6, '0') + "\0");
            tar.Write(header);
            if (content is null) continue;
            tar.Write(content);
            var padding = (512 - content.Length % 512) % 512;
            tar.Write(new byte[padding]);
        }
        tar.Write(new byte[1024]);
        return tar.ToArray();
    }

    /// <summary>gzip (RFC 1952) of <paramref name="data"/> using stored (uncompressed) deflate blocks.</summary>
    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        output.Write([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);   // no name, mtime 0, unix
        var offset = 0;
        Span<byte> lengths = stackalloc byte[4];
        do
        {
            var length = Math.Min(65535, data.Length - offset);
            var final = offset + length >= data.Length;
            output.WriteByte(final ? (byte)1 : (byte)0);
            BinaryPrimitives.WriteUInt16LittleEndian(lengths, (ushort)length);
            BinaryPrimitives.WriteUInt16LittleEndian(lengths[2..], (ushort)~length);
            output.Write(lengths);
            output.Write(data, offset, length);
            offset += length;
        }
        while (offset < data.Length);
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32(data));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)data.Length);
        output.Write(trailer);
        return output.ToArray();
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    private static void WriteText(byte[] header, int offset, int length, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        Array.Copy(bytes, 0, header, offset, Math.Min(bytes.Length, length));
    }

    private static void WriteOctal(byte[] header, int offset, int length, long value) =>
        WriteText(header, offset, length, Convert.ToString(value, 8).PadLeft(length - 1, '0') + "\0");
}
