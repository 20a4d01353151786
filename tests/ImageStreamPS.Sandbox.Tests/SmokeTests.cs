namespace ImageStreamPS.Sandbox.Tests;

public class SmokeTests
{
    [Fact]
    public void SandboxAssemblyLoads() =>
        Assert.Equal("ImageStreamPS.Sandbox", typeof(Program).Assembly.GetName().Name);
}
