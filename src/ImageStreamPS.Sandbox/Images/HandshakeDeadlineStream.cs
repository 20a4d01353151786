using System.Net.Http;
using System.Net.Sockets;

namespace ImageStreamPS.Sandbox.Images;

/// <summary>
/// A registry connection whose server must say something within a bound after connecting: what Go's
/// <c>http.Transport.TLSHandshakeTimeout</c> does for the importer, and what <see cref="SocketsHttpHandler"/>
/// lacks (its ConnectTimeout covers TCP and TLS together). Once the first byte arrived the stream only
/// passes reads and writes through.
/// </summary>
internal sealed class HandshakeDeadlineStream : Stream
{
    private readonly NetworkStream inner;
    private readonly Timer deadline;
    private int state; // 0 waiting for the first byte, 1 answered, 2 timed out

    private HandshakeDeadlineStream(NetworkStream inner, TimeSpan timeout)
    {
        this.inner = inner;
        deadline = new Timer(_ =>
        {
            if (Interlocked.CompareExchange(ref state, 2, 0) == 0) inner.Dispose();
        }, null, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Opens the TCP connection as the handler would; with a <paramref name="handshakeTimeout"/>, bounds the wait for the server's first byte.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, TimeSpan? handshakeTimeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var stream = new NetworkStream(socket, ownsSocket: true);
        return handshakeTimeout is { } timeout ? new HandshakeDeadlineStream(stream, timeout) : stream;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException && Volatile.Read(ref state) == 2)
        {
            throw new TlsHandshakeTimeoutException(e);
        }
        Answered(read);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read;
        try
        {
            read = inner.Read(buffer, offset, count);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException && Volatile.Read(ref state) == 2)
        {
            throw new TlsHandshakeTimeoutException(e);
        }
        Answered(read);
        return read;
    }

    private void Answered(int read)
    {
        if (read == 0 && Volatile.Read(ref state) == 2) throw new TlsHandshakeTimeoutException(null);
        if (read > 0 && Interlocked.CompareExchange(ref state, 1, 0) == 0) deadline.Dispose();
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            deadline.Dispose();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>The server accepted the connection but did not answer the TLS hello in time (Go: "net/http: TLS handshake timeout").</summary>
internal sealed class TlsHandshakeTimeoutException(Exception? inner) : IOException("net/http: TLS handshake timeout", inner);
