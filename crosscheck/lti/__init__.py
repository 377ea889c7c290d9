"""LTI 1.3: Crosscheck as a tool inside a school's LMS (launch, deep linking, grade passback, roster sync)."""
