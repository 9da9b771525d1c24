/**
 * The public portal's frame: a government-portal header with the navigation, and a footer.
 */
import { Layout, Menu } from 'antd';
import { Link, Outlet, matchPath, useLocation } from 'react-router-dom';

const NAV = [
  { key: '/', label: <Link to="/">首页</Link> },
  { key: '/apply', label: <Link to="/apply">申请公开</Link> },
  { key: '/track', label: <Link to="/track">查询办理进度</Link> },
  { key: '/catalogue', label: <Link to="/catalogue">公开目录</Link> },
  { key: '/guide', label: <Link to="/guide">公开指南</Link> },
  { key: '/reports', label: <Link to="/reports">年度报告</Link> },
];

/** The pages each entry stands for (the routes of web/src/main.tsx): a page that does not exist highlights none. */
const NAV_PAGES: Record<string, string[]> = {
  '/': ['/'],
  '/apply': ['/apply'],
  '/track': ['/track', '/track/:code'],
  '/catalogue': ['/catalogue', '/catalogue/:agencyId'],
  '/guide': ['/guide', '/guide/:agencyId'],
  '/reports': ['/reports', '/reports/:agencyId', '/reports/:agencyId/:year'],
};

export function PublicLayout() {
  const { pathname } = useLocation();
  const selected = NAV.map((n) => n.key).filter((k) => NAV_PAGES[k].some((p) => matchPath({ path: p, end: true }, pathname) !== null));
  return (
    <Layout className="public-layout">
      <header className="portal-header">
        <div className="portal-inner portal-brand">
          <Link to="/" className="portal-logo" aria-label="返回首页">
            <span className="portal-emblem">公</span>
            <span>
              <span className="portal-title">政府信息公开</span>
              <span className="portal-subtitle">依申请公开 · 网上申请与办理进度查询</span>
            </span>
          </Link>
          <Link to="/admin" className="portal-staff">
            工作人员登录
          </Link>
        </div>
        <nav className="portal-nav">
          <div className="portal-inner">
            <Menu mode="horizontal" theme="dark" selectedKeys={selected} items={NAV} className="portal-menu" />
          </div>
        </nav>
      </header>
      <Layout.Content>
        <div className="portal-inner portal-content">
          <Outlet />
        </div>
      </Layout.Content>
      <Layout.Footer className="portal-footer">
        <div className="portal-inner">
          依据《中华人民共和国政府信息公开条例》办理 · 申请人的个人信息仅用于办理本申请
          <br />
          Gongkai 公开 · 开源的政府信息公开工作平台
        </div>
      </Layout.Footer>
    </Layout>
  );
}
