using System.Runtime.Versioning;

// The login service runs on Linux (clusters, containers); its tests check Unix file modes and sockets.
[assembly: UnsupportedOSPlatform("windows")]
