using System.Runtime.Versioning;

// The integration tests drive nginx, unix sockets and file modes: Linux only.
[assembly: SupportedOSPlatform("linux")]
