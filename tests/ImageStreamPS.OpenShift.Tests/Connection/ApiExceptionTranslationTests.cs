using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using ImageStreamPS.OpenShift.Connection;
using k8s.Autorest;
using k8s.Exceptions;

namespace ImageStreamPS.OpenShift.Tests.Connection;

public class ApiExceptionTranslationTests
{
    private static HttpOperationException Answer(HttpStatusCode code, string body, string uri = "https://api.example.com:6443/apis/image.openshift.io/v1/namespaces/demo/imagestreams/citas") =>
        new($"Operation returned an invalid status code '{code}'")
        {
            Request = new HttpRequestMessageWrapper(new HttpRequestMessage(HttpMethod.Get, uri), ""),
            Response = new HttpResponseMessageWrapper(new HttpResponseMessage(code), body),
        };

    [Fact]
    public void A_Status_answer_keeps_reason_message_and_details()
    {
        var api = OpenShiftApiException.From(Answer(HttpStatusCode.NotFound,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"imagestreams.image.openshift.io \"citas\" not found","reason":"NotFound","details":{"name":"citas","group":"image.openshift.io","kind":"imagestreams"},"code":404}"""))!;

        Assert.Equal(ApiFailure.Status, api.Failure);
        Assert.Equal("NotFound", api.Reason);
        Assert.Equal(404, api.StatusCode);
        Assert.Equal("imagestreams.image.openshift.io \"citas\" not found", api.Message);
        Assert.Equal("imagestreams", api.Kind);
        Assert.Equal("citas", api.Name);
        Assert.Equal("image.openshift.io", api.Group);
        Assert.Equal("GET /apis/image.openshift.io/v1/namespaces/demo/imagestreams/citas", api.Request);
    }

    [Fact]
    public void An_Invalid_answer_lists_its_causes()
    {
        var api = OpenShiftApiException.From(Answer((HttpStatusCode)422,
            """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"ImageStream.image.openshift.io \"Citas\" is invalid: metadata.name: Invalid value: \"Citas\"","reason":"Invalid","details":{"name":"Citas","group":"image.openshift.io","kind":"ImageStream","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"Citas\"","field":"metadata.name"}]},"code":422}"""))!;

        Assert.Equal("Invalid", api.Reason);
        var cause = Assert.Single(api.Causes);
        Assert.Equal(new StatusCause("FieldValueInvalid", "Invalid value: \"Citas\"", "metadata.name"), cause);
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict, "Conflict")]
    [InlineData(HttpStatusCode.Forbidden, "Forbidden")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable")]
    [InlineData(HttpStatusCode.GatewayTimeout, "Timeout")]
    [InlineData((HttpStatusCode)422, "Invalid")]
    public void An_answer_that_is_not_a_Status_gets_the_reason_of_its_code(HttpStatusCode code, string reason)
    {
        var api = OpenShiftApiException.From(Answer(code, "<html><body>upstream proxy error</body></html>"))!;

        Assert.Equal(reason, api.Reason);
        Assert.Equal((int)code, api.StatusCode);
        Assert.Contains("upstream proxy error", api.Message);
    }

    [Fact]
    public void Unauthorized_says_the_credentials_were_refused()
    {
        var api = OpenShiftApiException.From(Answer(HttpStatusCode.Unauthorized,
            """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"""))!;

        Assert.Equal("Unauthorized", api.Reason);
        Assert.Contains("refused the session's credentials", api.Message);
    }

    [Fact]
    public void The_request_line_masks_credential_like_query_values()
    {
        var api = OpenShiftApiException.From(Answer(HttpStatusCode.NotFound, "", "https://api.example.com/api/v1/pods?access_token=s3cr3t&watch=true"))!;

        Assert.Equal("GET /api/v1/pods?access_token=REDACTED&watch=true", api.Request);
        Assert.DoesNotContain("s3cr3t", api.Message);
    }

    [Fact]
    public void A_failed_TLS_handshake_is_a_certificate_failure()
    {
        var failure = new HttpRequestException("The SSL connection could not be established, see inner exception.", new AuthenticationException("The remote certificate is invalid: UntrustedRoot"));

        var api = ApiExceptionTranslation.FromTransport(failure, new Uri("https://api.example.com:6443/version"), "GET /version");

        Assert.Equal(ApiFailure.Certificate, api.Failure);
        Assert.Equal("CertificateInvalid", api.Reason);
        Assert.Contains("https://api.example.com:6443", api.Message);
        Assert.Contains("UntrustedRoot", api.Message);
        Assert.Equal("GET /version", api.Request);
    }

    [Fact]
    public void A_refused_connection_is_a_connection_failure_naming_the_server()
    {
        var failure = new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));

        var api = OpenShiftApiException.From(ApiExceptionTranslation.FromTransport(failure, new Uri("https://127.0.0.1:1/version"), null))!;

        Assert.Equal(ApiFailure.Connection, api.Failure);
        Assert.Equal("ConnectionFailed", api.Reason);
        Assert.StartsWith("Cannot connect to https://127.0.0.1:1: ", api.Message);
    }

    [Fact]
    public void An_elapsed_HttpClient_timeout_is_a_timeout()
    {
        var api = OpenShiftApiException.From(new TaskCanceledException("The request was canceled", new TimeoutException()))!;

        Assert.Equal(ApiFailure.Timeout, api.Failure);
        Assert.Equal("Timeout", api.Reason);
    }

    [Fact]
    public void Cancellation_by_the_caller_is_not_translated()
    {
        Assert.Null(OpenShiftApiException.From(new OperationCanceledException()));
        Assert.Null(OpenShiftApiException.From(new InvalidOperationException("unrelated")));
    }

    [Fact]
    public void A_kubeconfig_problem_is_a_configuration_failure()
    {
        var api = OpenShiftApiException.From(new KubeConfigException("external exec failed due to: plugin not found"))!;

        Assert.Equal(ApiFailure.Configuration, api.Failure);
        Assert.Contains("plugin not found", api.Message);
    }
}
