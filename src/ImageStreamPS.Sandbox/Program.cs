Console.WriteLine("ImageStreamPS.Sandbox: the local OpenShift-compatible sandbox.");
