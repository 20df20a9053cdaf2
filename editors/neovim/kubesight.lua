-- Kubesight in Neovim's built-in LSP client (Neovim 0.7 or newer): Kubernetes diagnostics,
-- completion and hover in YAML files. Needs `kubesight-language-server` on PATH
-- (`npm install -g` in a Kubesight checkout, see its README). Put this file in your configuration,
-- e.g. ~/.config/nvim/plugin/kubesight.lua. One server serves every YAML buffer of the session.
local client_id

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'yaml',
  callback = function(args)
    if not client_id or not vim.lsp.get_client_by_id(client_id) then
      client_id = vim.lsp.start_client({
        name = 'kubesight',
        cmd = { 'kubesight-language-server', '--stdio' },
        root_dir = vim.fn.getcwd(),
        -- The `kubesight` section answers the server's workspace/configuration request, e.g.
        -- { kubesight = { kubernetesVersion = '1.31', rules = { ['image-tag'] = 'off' } } }.
        settings = { kubesight = vim.empty_dict() },
      })
    end
    if client_id then vim.lsp.buf_attach_client(args.buf, client_id) end
  end,
})
