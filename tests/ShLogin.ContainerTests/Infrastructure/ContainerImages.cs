namespace ShLogin.ContainerTests.Infrastructure;

/// <summary>The images <c>containers/build</c> makes.</summary>
public static class ContainerImages
{
    /// <summary>ShLogin + nginx.</summary>
    public const string ShLogin = "localhost/shlogin:latest";

    /// <summary>ShLogin + nginx + Jupyter Notebook.</summary>
    public const string Jupyter = "localhost/shlogin-jupyter:latest";

    /// <summary>The uid and gid the images run as by default.</summary>
    public const string DefaultUser = "1000:1000";

    /// <summary>Returns <paramref name="image"/> once it is known to exist; skips (CI: fails) the test otherwise.</summary>
    public static async Task<string> RequireAsync(string image)
    {
        return await Containers.ExistsAsync(image)
            ? image
            : Requirements.Missing($"the image {image} is not built (run containers/build; tests/run does).");
    }
}
