# build.ps1 Demo's tutorial, run as the Demo task runs it (a fresh pwsh, the published module):
# every step passes, the output tells the story the README promises, and the sandbox is gone after.
BeforeAll {
    $root = Resolve-Path "$PSScriptRoot/../.."
    $process = [Environment]::ProcessPath
    $arguments = @(if ((Split-Path $process -Leaf) -like 'dotnet*') { "$PSHOME/pwsh.dll" })
    $previous = $env:NO_COLOR
    $env:NO_COLOR = '1'
    try {
        $output = & $process @arguments -NoProfile -NonInteractive -File "$root/examples/Tutorial.ps1" -ModulePath $env:IMAGESTREAMPS_MODULE_PATH 2>&1 | Out-String
        $exitCode = $LASTEXITCODE
    }
    finally { $env:NO_COLOR = $previous }
    $text = $output -replace '\x1b\[[0-9;]*m', ''
}

Describe 'examples/Tutorial.ps1' {
    It 'runs every step and exits 0' {
        $exitCode | Should -Be 0 -Because $text
        $text | Should -Match 'The tutorial ran in'
    }

    It 'says each step in a sentence with the oc command it replaces' {
        $text | Should -Match '(?m)^\s*2\. Create an empty image stream called citas\.'
        $text | Should -Match '\(oc: oc create is citas\)'
        $text | Should -Match '\(oc: oc tag citas:v2 citas:prod\)'
    }

    It 'describes the stream with four tags and two unique images' {
        $text | Should -Match 'Unique Images\s*:\s*2'
        $text | Should -Match 'Tags\s*:\s*4'
    }

    It 'ends with the app on a new ReplicaSet running v2' {
        $text | Should -Match 'The rollout now has a new ReplicaSet, and its Pod runs v2\.'
        $text | Should -Match 'Running'
    }

    It 'asks the app for its version through the route, as the tutorial curls it: v1, then v2 after the tag move' {
        $v1 = [regex]::Match($text, '(?ms)through the route: v1 answers\.\s*\(oc: curl http://app-citas-myproject\.apps\.sandbox\.localhost/version\)\s*^v1$')
        $v2 = [regex]::Match($text, '(?ms)through the same route: now v2 answers\.\s*\(oc: curl [^)]*/version\)\s*^v2$')
        $v1.Success | Should -BeTrue -Because $text
        $v2.Success | Should -BeTrue -Because $text
        $v1.Index | Should -BeLessThan $v2.Index
    }

    It 'ends by rolling the promotion back, with app-citas on v1 again' {
        $text | Should -Match 'Roll the promotion back: prod goes back to the image it pointed to before'
        $text | Should -Match '\(oc: oc tag citas@sha256:[0-9a-f]{64} citas:prod\)'
        $text | Should -Match '(?m)^\s*REVISION RUNS\s+AGE\s+REPLICASET\s+CHANGE-CAUSE'
        $text | Should -Match '(?m)^\s+\d+ citas:v1\s+\S+\s+app-citas-\S+\s+<none>'
        $text | Should -Match '(?m)^The route answers: v1$'
    }

    It 'stops the sandbox it started' {
        $text | Should -Match 'The sandbox is stopped\.'
        $sandboxPid = [int] ([regex]::Match($text, 'ProcessId\s*:\s*(\d+)').Groups[1].Value)
        $sandboxPid | Should -BeGreaterThan 0
        Get-Process -Id $sandboxPid -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
