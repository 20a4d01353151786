# Tab completion as a user gets it: TabExpansion2 on a partial command line, in this runspace with
# the built module imported, exactly what PSReadLine calls when Tab is pressed.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force

    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }

    $kubeConfig = Join-Path $TestDrive 'kubeconfig'
    @'
apiVersion: v1
kind: Config
clusters:
- name: dev
  cluster: { server: 'https://127.0.0.1:1' }
- name: prod
  cluster: { server: 'https://127.0.0.1:2' }
users:
- name: developer
  user: { token: not-a-real-token }
contexts:
- name: myproject/api-dev-example-com:6443/developer
  context: { cluster: dev, user: developer, namespace: myproject }
- name: prod admin
  context: { cluster: prod, user: developer, namespace: citas }
- name: sandbox
  context: { cluster: dev, user: developer }
current-context: sandbox
'@ | Set-Content $kubeConfig
}

Describe 'Tab completion' {
    It 'completes a partial cmdlet name to the module''s cmdlet' {
        $found = Get-Completion 'Connect-OpenSh'
        $found.CompletionText | Should -Contain 'Connect-OpenShift'
    }

    It 'completes the cmdlets of a noun from a verb and a partial noun' {
        (Get-Completion 'Get-OpenShiftSe').CompletionText | Should -Be @('Get-OpenShiftSession')
    }

    It 'completes -Context with the contexts of the kubeconfig given in -KubeConfig' {
        $found = Get-Completion "Connect-OpenShift -KubeConfig '$kubeConfig' -Context my"
        $found.CompletionText | Should -Be @('myproject/api-dev-example-com:6443/developer')
    }

    It 'quotes a context name that has a space' {
        $found = Get-Completion "Connect-OpenShift -KubeConfig '$kubeConfig' -Context pro"
        $found.CompletionText | Should -Be @("'prod admin'")
        $found.ListItemText | Should -Be @('prod admin')
    }

    It 'offers every context when nothing is typed yet' {
        $found = Get-Completion "Connect-OpenShift -KubeConfig '$kubeConfig' -Context "
        @($found.ListItemText | Sort-Object) | Should -Be @('myproject/api-dev-example-com:6443/developer', 'prod admin', 'sandbox')
    }
}
