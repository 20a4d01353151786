using System.Management.Automation;
using System.Runtime.ExceptionServices;
using ImageStreamPS.OpenShift.Connection;

namespace ImageStreamPS.Commands;

/// <summary>
/// Runs a cmdlet's work asynchronously while everything that touches PowerShell (Write*,
/// ShouldProcess, progress, prompts) runs on the pipeline thread, drained from a queue (the shape
/// of ModuleFast's TaskCmdlet). The work starts on the pipeline thread and leaves it only at its
/// first await that does not complete at once, so a phase with nothing to wait for (most Begin and
/// End phases, a cmdlet with no request) costs no thread hop. One CancellationTokenSource, cancelled by
/// StopProcessing, is handed to all the work, so Ctrl+C ends every network wait. Failures become
/// ErrorRecords in one place (<see cref="OpenShiftErrorRecord"/>); every request the work makes is
/// reported with WriteVerbose.
/// </summary>
/// <remarks>
/// Derived cmdlets override <see cref="BeginProcessingAsync"/>, <see cref="ProcessRecordAsync"/> and
/// <see cref="EndProcessingAsync"/> and may call WriteObject, WriteError, WriteVerbose, WriteWarning,
/// WriteProgress, ShouldProcess and ThrowTerminatingError from any thread: these hide the
/// <see cref="Cmdlet"/> methods and marshal to the pipeline thread.
/// </remarks>
public abstract class PipelineCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource stopping = new();
    private PipelineQueue? pipelineWork;
    private int pipelineThread;
    private Exception? pipelineFailure;
    private bool executingPosted;

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken Stopping => stopping.Token;

    /// <summary>Runs before the first input object (after parameters from the command line are bound).</summary>
    protected virtual Task BeginProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once per input object.</summary>
    protected virtual Task ProcessRecordAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after the last input object.</summary>
    protected virtual Task EndProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The error id used when a failure reaches the base class uncaught; null derives it from resource and reason.</summary>
    protected virtual string? ErrorIdFor(OpenShiftApiException exception) => null;

    protected sealed override void BeginProcessing() => Run(BeginProcessingAsync);

    protected sealed override void ProcessRecord()
    {
        if (BeforeRecord() is { } refused)
        {
            base.WriteError(refused);
            return;
        }

        Run(ProcessRecordAsync);
    }

    protected sealed override void EndProcessing() => Run(EndProcessingAsync);

    // Not disposed: work abandoned after Ctrl+C may still hold the token.
    protected sealed override void StopProcessing() => stopping.Cancel();

    /// <summary>Writes an object to the pipeline (from any thread).</summary>
    protected new void WriteObject(object? sendToPipeline) => OnPipeline(() => base.WriteObject(sendToPipeline));

    /// <summary>Writes objects to the pipeline (from any thread).</summary>
    protected new void WriteObject(object? sendToPipeline, bool enumerateCollection) =>
        OnPipeline(() => base.WriteObject(sendToPipeline, enumerateCollection));

    /// <summary>Writes a non-terminating error (from any thread).</summary>
    protected new void WriteError(ErrorRecord errorRecord) => OnPipeline(() => base.WriteError(errorRecord));

    /// <summary>Writes a non-terminating error for a failure, mapped by <see cref="OpenShiftErrorRecord"/>.</summary>
    protected void WriteError(Exception exception, string? errorId = null, object? target = null) =>
        WriteError(ToErrorRecord(exception, errorId, target));

    /// <summary>Writes a verbose line (from any thread).</summary>
    protected new void WriteVerbose(string text) => OnPipeline(() => base.WriteVerbose(text));

    /// <summary>Writes a warning (from any thread).</summary>
    protected new void WriteWarning(string text) => OnPipeline(() => base.WriteWarning(text));

    /// <summary>Writes a debug line (from any thread).</summary>
    protected new void WriteDebug(string text) => OnPipeline(() => base.WriteDebug(text));

    /// <summary>Writes a progress record (from any thread).</summary>
    protected new void WriteProgress(ProgressRecord progressRecord) => OnPipeline(() => base.WriteProgress(progressRecord));

    /// <summary>Writes to the information stream (from any thread).</summary>
    protected new void WriteInformation(object messageData, string[] tags) => OnPipeline(() => base.WriteInformation(messageData, tags));

    /// <summary>
    /// Says what the cmdlet did, as oc's one-line reports do (<c>Tag citas:latest set to citas@sha256:…</c>):
    /// on the information stream with Write-Host's PSHOST tag, so it shows by default, is silent under
    /// -InformationAction Ignore, can be captured (6>&amp;1, -InformationVariable) and is never output.
    /// </summary>
    protected void WriteOutcome(string message) =>
        WriteInformation(new HostInformationMessage { Message = message }, ["PSHOST", "ImageStreamPS"]);

    /// <summary>Asks -WhatIf/-Confirm whether to go ahead (from any thread; waits for the answer).</summary>
    protected new bool ShouldProcess(string target, string action) => OnPipeline(() => base.ShouldProcess(target, action));

    /// <summary>Asks -WhatIf/-Confirm whether to go ahead (from any thread; waits for the answer).</summary>
    protected new bool ShouldProcess(string target) => OnPipeline(() => base.ShouldProcess(target));

    /// <summary>Asks -WhatIf/-Confirm with full texts (from any thread; waits for the answer).</summary>
    protected new bool ShouldProcess(string verboseDescription, string verboseWarning, string caption) =>
        OnPipeline(() => base.ShouldProcess(verboseDescription, verboseWarning, caption));

    /// <summary>True when -WhatIf is in effect (the switch, or $WhatIfPreference).</summary>
    private protected bool IsWhatIf() => OnPipeline(() =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w)
            ? LanguagePrimitives.IsTrue(w)
            : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference")));

    /// <summary>
    /// -Force skips the confirmation prompt, but not -WhatIf or an explicit -Confirm.
    /// </summary>
    private protected bool ShouldProcessUnlessForced(bool force, string target, string action)
    {
        var whatIf = IsWhatIf();
        var confirm = OnPipeline(() => MyInvocation.BoundParameters.TryGetValue("Confirm", out var c) && LanguagePrimitives.IsTrue(c));
        return (force && !whatIf && !confirm) || ShouldProcess(target, action);
    }

    /// <summary>Asks the user to confirm (from any thread; waits for the answer).</summary>
    protected new bool ShouldContinue(string query, string caption) => OnPipeline(() => base.ShouldContinue(query, caption));

    /// <summary>Ends the command with an error (from any thread).</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    protected new void ThrowTerminatingError(ErrorRecord errorRecord)
    {
        if (pipelineWork is null)
        {
            base.ThrowTerminatingError(errorRecord);
        }

        throw new TerminatingError(errorRecord);
    }

    /// <summary>The ErrorRecord for any failure: cluster and transport failures are mapped by <see cref="OpenShiftErrorRecord"/>.</summary>
    protected ErrorRecord ToErrorRecord(Exception exception, string? errorId = null, object? target = null)
    {
        if (exception is TerminatingError terminating)
        {
            return terminating.ErrorRecord;
        }

        if (OpenShiftApiException.From(exception) is { } api)
        {
            return OpenShiftErrorRecord.From(api, errorId ?? ErrorIdFor(api), target);
        }

        if (exception is IContainsErrorRecord { ErrorRecord: { } inner } && errorId is null)
        {
            return inner;
        }

        // Input refused before any request (a name the API could never serve, an option oc would refuse).
        if (exception is ArgumentException)
        {
            return new ErrorRecord(exception, errorId ?? "InvalidArgument", ErrorCategory.InvalidArgument, target) { ErrorDetails = new ErrorDetails(exception.Message) };
        }

        return new ErrorRecord(exception, errorId ?? exception.GetType().Name, ErrorCategory.NotSpecified, target);
    }

    /// <summary>A PowerShell path (relative to the current location, ~, PSDrives) as a file-system path (from any thread).</summary>
    protected string ResolvePath(string path) => OnPipeline(() => GetUnresolvedProviderPathFromPSPath(path));

    /// <summary>Runs <paramref name="action"/> on the pipeline thread and waits for it (or for Ctrl+C).</summary>
    protected T OnPipeline<T>(Func<T> action)
    {
        if (OnPipelineThread)
        {
            if (pipelineWork is { } posted && !executingPosted)
            {
                // The work's first synchronous part: what it posted goes first, as it would from a
                // worker, and a failure stops the command the same way.
                T result = default!;
                if (!DrainPosted(posted) || !Execute(() => result = action()))
                {
                    throw new PipelineStoppedException();
                }

                return result;
            }

            return action();
        }

        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            // An exception here stops the command (see Run); the worker sees cancellation.
            answer.SetResult(action());
        });
        try
        {
            return answer.Task.WaitAsync(Stopping).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>
    /// Completes once the pipeline thread has run everything written so far, i.e. it went downstream. Paged
    /// reads await it before asking for the next page: what is held stays bounded by a page, and when
    /// downstream stopped the pipeline (<c>Select-Object -First</c>) it throws instead, so no further page is
    /// requested.
    /// </summary>
    protected Task OutputTakenAsync(CancellationToken cancellationToken)
    {
        if (pipelineWork is not { } queue)
        {
            return Task.CompletedTask;
        }

        if (OnPipelineThread)
        {
            if (!executingPosted && !DrainPosted(queue))
            {
                throw new PipelineStoppedException();
            }

            return Task.CompletedTask;
        }

        var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() => taken.TrySetResult());
        return taken.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="action"/> on the pipeline thread without waiting.</summary>
    protected void OnPipeline(Action action)
    {
        if (pipelineWork is null || (executingPosted && OnPipelineThread))
        {
            action();
        }
        else
        {
            // Queued even on the pipeline thread, so a write that stops the pipeline (-ErrorAction
            // Stop, Select-Object -First) is met by the drain below, never inside the work.
            Post(action);
        }
    }

    private bool OnPipelineThread => pipelineWork is null || Environment.CurrentManagedThreadId == pipelineThread;

    // After the phase ended (only after a stop) there is nobody left to write to: the action is dropped.
    private void Post(Action action) => pipelineWork?.TryAdd(action);

    // Whether WriteVerbose writes anything, as PowerShell's command runtime decides it: -Verbose, else -Debug, else
    // $VerbosePreference where the command runs. Only SilentlyContinue and Ignore write nothing.
    private bool WritesVerbose()
    {
        var bound = MyInvocation.BoundParameters;
        if (bound.TryGetValue("Verbose", out var verbose)) return LanguagePrimitives.IsTrue(verbose);
        if (bound.ContainsKey("Debug")) return true;
        return !(LanguagePrimitives.TryConvertTo(SessionState.PSVariable.GetValue("VerbosePreference"), out ActionPreference preference)
            && preference is ActionPreference.SilentlyContinue or ActionPreference.Ignore);
    }

    /// <summary>Runs on the pipeline thread before each input record's work; an ErrorRecord skips the record with that error.</summary>
    private protected virtual ErrorRecord? BeforeRecord() => null;

    /// <summary>Runs on the pipeline thread before each phase's work starts.</summary>
    private protected virtual void OnPhaseStarting()
    {
    }

    private void Run(Func<CancellationToken, Task> work)
    {
        OnPhaseStarting();
        var queue = new PipelineQueue();
        pipelineThread = Environment.CurrentManagedThreadId;
        pipelineWork = queue;
        pipelineFailure = null;
        var token = stopping.Token;
        var worker = RunTraced(work, queue, WritesVerbose(), token);

        try
        {
            if (DrainPosted(queue))
            {
                while (queue.Take(out var action, token))
                {
                    if (!Execute(action))
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Ctrl+C or a failure above: do not wait for the worker; it sees the same token.
        }
        finally
        {
            pipelineWork = null;
        }

        if (pipelineFailure is not null)
        {
            ExceptionDispatchInfo.Throw(pipelineFailure);
        }

        if (!worker.IsCompleted && token.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }

        try
        {
            worker.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception exception) when (exception is PipelineStoppedException or ActionPreferenceStopException)
        {
            throw;
        }
        catch (Exception exception)
        {
            base.ThrowTerminatingError(ToErrorRecord(exception));
        }
    }

    private async Task RunTraced(Func<CancellationToken, Task> work, PipelineQueue queue, bool verbose, CancellationToken token)
    {
        // Request lines only when they would be shown: each one is a hand-off to the pipeline thread.
        using var trace = RequestTrace.Begin(verbose ? line => Post(() => base.WriteVerbose(line)) : null);
        try
        {
            await work(token).ConfigureAwait(false);
        }
        finally
        {
            queue.CompleteAdding();
        }
    }

    /// <summary>Runs what is queued now; false once an action failed (the failure stops the command).</summary>
    private bool DrainPosted(PipelineQueue queue)
    {
        while (pipelineFailure is null && queue.TryTake(out var action))
        {
            Execute(action);
        }

        return pipelineFailure is null;
    }

    private bool Execute(Action action)
    {
        // What the action itself writes runs at once: the phase's queue may already be complete.
        executingPosted = true;
        try
        {
            action();
            return true;
        }
        catch (Exception exception)
        {
            // WriteError under -ErrorAction Stop, a downstream Select-Object -First, ...: stop the work.
            pipelineFailure = exception;
            stopping.Cancel();
            return false;
        }
        finally
        {
            executingPosted = false;
        }
    }

    /// <summary>Carries a terminating ErrorRecord from the worker to the pipeline thread.</summary>
    private sealed class TerminatingError(ErrorRecord errorRecord) : Exception(errorRecord.Exception.Message, errorRecord.Exception)
    {
        public ErrorRecord ErrorRecord { get; } = errorRecord;
    }
}
