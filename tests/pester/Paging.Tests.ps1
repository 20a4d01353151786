# Lists are read a page at a time, as kubectl reads them (limit=500, then continue), and streamed to the
# pipeline: every object is written once, in the server's order, and a pipeline that stops early
# (Select-Object -First) is sent no further page and sees no error. The pages are counted from the
# sandbox's /metrics (what the server saw), never timed.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    . (Join-Path $PSScriptRoot 'ImageStreamTestSupport.ps1')
    $context = Start-TestSandbox
    $ns = 'paging'
    $null = New-OpenShiftProject $ns

    # 600 streams with one spec tag each: two pages of 500. Posted straight to the API, all at once, so
    # the set-up is quick; what is tested is how the cmdlets read them.
    $script:streamCount = 600
    $handler = [System.Net.Http.HttpClientHandler]::new()
    $handler.ServerCertificateCustomValidationCallback = [System.Net.Http.HttpClientHandler]::DangerousAcceptAnyServerCertificateValidator
    $http = [System.Net.Http.HttpClient]::new($handler)
    try {
        $http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::Parse((Get-TestHeaders $context).Authorization)
        $streams = "$($context.Sandbox.Server.AbsoluteUri.TrimEnd('/'))/apis/image.openshift.io/v1/namespaces/$ns/imagestreams"
        $posts = foreach ($i in 1..$streamCount) {
            $body = '{"apiVersion":"image.openshift.io/v1","kind":"ImageStream","metadata":{"name":"page-' + $i.ToString('d4') + '"},"spec":{"tags":[{"name":"v1"}]}}'
            $http.PostAsync($streams, [System.Net.Http.StringContent]::new($body, [Text.Encoding]::UTF8, 'application/json'))
        }
        [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]] $posts)
        @($posts.Result | Where-Object StatusCode -NE 'Created').Count | Should -Be 0
    }
    finally { $http.Dispose() }
}

AfterAll {
    Stop-TestSandbox $context
}

Describe 'Paged lists' {
    It 'Get-ImageStream reads a namespace in pages of 500 and writes every stream once, in order' {
        $seen = @{}
        $made = Measure-Requests $context { $seen.All = Get-ImageStream "$ns/*" }

        $made['list imagestreams 200'] | Should -Be 2
        Get-RequestTotal $made | Should -Be 2
        $seen.All.Count | Should -Be $streamCount
        $seen.All[0].Name | Should -Be 'page-0001'
        $seen.All[-1].Name | Should -Be ('page-{0:d4}' -f $streamCount)
        ($seen.All.Name | Sort-Object -Unique -CaseSensitive).Count | Should -Be $streamCount
        ($seen.All.Name -join ',') | Should -BeExactly (($seen.All.Name | Sort-Object -CaseSensitive) -join ',')
    }

    It 'the first stream reaches the pipeline before the second page is asked for' {
        $before = Get-RequestCounts $context
        $atFirst = $null
        $count = 0
        Get-ImageStream "$ns/*" | ForEach-Object {
            if ($count++ -eq 0) { $atFirst = Get-RequestCounts $context }
        }

        $atFirst['list imagestreams 200'] - ($before['list imagestreams 200'] ?? 0) | Should -Be 1
        $count | Should -Be $streamCount
    }

    It 'Select-Object -First 1 asks for one page only and ends without an error' {
        $Error.Clear()
        $seen = @{}
        $made = Measure-Requests $context { $seen.First = Get-ImageStream "$ns/*" | Select-Object -First 1 }

        $made['list imagestreams 200'] | Should -Be 1
        Get-RequestTotal $made | Should -Be 1
        $seen.First.Name | Should -Be 'page-0001'
        $Error.Count | Should -Be 0
    }

    It 'Get-ImageTag over many streams reads pages too, and -First 3 downstream stops after one' {
        $seen = @{}
        $made = Measure-Requests $context { $seen.All = Get-ImageTag "$ns/*:v1" }
        $made['list imagestreams 200'] | Should -Be 2
        $seen.All.Count | Should -Be $streamCount

        $Error.Clear()
        $made = Measure-Requests $context { $seen.First = Get-ImageTag "$ns/*" | Select-Object -First 3 }
        $made['list imagestreams 200'] | Should -Be 1
        Get-RequestTotal $made | Should -Be 1
        $seen.First.Name | Should -Be @('page-0001:v1', 'page-0002:v1', 'page-0003:v1')
        $Error.Count | Should -Be 0
    }

    It 'a stopped list leaves the session fit for the next command' {
        $null = Get-ImageStream "$ns/*" | Select-Object -First 1
        (Get-ImageStream "$ns/page-0600").Name | Should -Be 'page-0600'
        (Get-ImageStream -AllNamespaces | Where-Object Namespace -EQ $ns).Count | Should -Be $streamCount
    }
}
