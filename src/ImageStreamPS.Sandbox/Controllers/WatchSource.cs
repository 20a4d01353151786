using ImageStreamPS.Sandbox.Storage;

namespace ImageStreamPS.Sandbox.Controllers;

/// <summary>A resource a controller watches and how its events map to the controller's keys.</summary>
internal sealed record WatchSource(string Group, string Resource, Func<WatchEvent, IEnumerable<string>> Keys);
